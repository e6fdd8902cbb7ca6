/** The shared shape of the valid-write commands: one {@link WriteCall}, run against the model and the real stream. */
import type { WriteCall } from '../arbitraries/stream-calls.ts';
import { describeWriteCall, expectedSegment, invokeWriteCall } from './expected-bytes.ts';
import type { StreamCommand, StreamModel, StreamReal } from './model.ts';
import { performValidWrite } from './perform-write.ts';

export abstract class ValidWriteCommand implements StreamCommand {
  /** The call this command makes. */
  protected abstract call(): WriteCall;
  check(): boolean {
    return true;
  }
  async run(model: StreamModel, real: StreamReal): Promise<void> {
    const call = this.call();
    performValidWrite(model, this.toString(), () => invokeWriteCall(real.stream, call), expectedSegment(call));
  }
  toString(): string {
    return describeWriteCall(this.call());
  }
}
