/** Command: a write with an argument it must refuse (a TypeError, nothing sent), in any state. */
import type { InvalidWriteCall } from '../arbitraries/stream-calls.ts';
import type { ManualStreamUnderTest } from '../adapter/under-test.ts';
import { describeCall } from './expected-bytes.ts';
import type { StreamCommand, StreamModel, StreamReal } from './model.ts';
import { performInvalidWrite } from './perform-write.ts';

export class InvalidWriteCommand implements StreamCommand {
  readonly call: InvalidWriteCall;
  constructor(call: InvalidWriteCall) {
    this.call = call;
  }
  check(): boolean {
    return true;
  }
  async run(model: StreamModel, real: StreamReal): Promise<void> {
    const method = real.stream[this.call.kind] as (this: ManualStreamUnderTest, ...args: unknown[]) => unknown;
    performInvalidWrite(model, this.toString(), this.call.reason, () => method.apply(real.stream, this.call.args));
  }
  toString(): string {
    return describeCall(this.call.kind, this.call.args);
  }
}
