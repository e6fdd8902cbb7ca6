/** Command: `stream.write(data)` with text or bytes. */
import { describeWriteCall, expectedSegment, invokeWriteCall } from './expected-bytes.js';
import type { StreamCommand, StreamModel, StreamReal } from './model.js';
import { performValidWrite } from './perform-write.js';

export class WriteCommand implements StreamCommand {
  constructor(readonly data: string | Uint8Array) {}
  check(): boolean {
    return true;
  }
  async run(model: StreamModel, real: StreamReal): Promise<void> {
    const call = { kind: 'write' as const, data: this.data };
    performValidWrite(model, this.toString(), () => invokeWriteCall(real.stream, call), expectedSegment(call));
  }
  toString(): string {
    return describeWriteCall({ kind: 'write', data: this.data });
  }
}
