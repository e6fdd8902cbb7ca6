/** Command: `stream.writeChunk(value, { encoding })`. */
import type { ChunkEncodingName } from '../arbitraries/stream-calls.js';
import { describeWriteCall, expectedSegment, invokeWriteCall } from './expected-bytes.js';
import type { StreamCommand, StreamModel, StreamReal } from './model.js';
import { performValidWrite } from './perform-write.js';

export class WriteChunkCommand implements StreamCommand {
  constructor(
    readonly value: unknown,
    readonly encoding?: ChunkEncodingName,
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
    return { kind: 'writeChunk' as const, value: this.value, ...(this.encoding === undefined ? {} : { encoding: this.encoding }) };
  }
}
