/** Command: `stream.writeSSE(data, { event, id, retry })`. */
import type { SseOptions } from '../arbitraries/stream-calls.js';
import { describeWriteCall, expectedSegment, invokeWriteCall } from './expected-bytes.js';
import type { StreamCommand, StreamModel, StreamReal } from './model.js';
import { performValidWrite } from './perform-write.js';

export class WriteSseCommand implements StreamCommand {
  constructor(
    readonly data: unknown,
    readonly options?: SseOptions,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: StreamModel, real: StreamReal): Promise<void> {
    const call = this.#call();
    performValidWrite(model, this.toString(), () => invokeWriteCall(real.stream, call), expectedSegment(call));
  }
  toString(): string {
    return describeWriteCall(this.#call());
  }
  #call() {
    return { kind: 'writeSSE' as const, data: this.data, ...(this.options === undefined ? {} : { options: this.options }) };
  }
}
