/** Command: `stream.write(data)` with text or bytes. */
import type { WriteCall } from '../arbitraries/stream-calls.ts';
import { ValidWriteCommand } from './valid-write-command.ts';

export class WriteCommand extends ValidWriteCommand {
  readonly data: string | Uint8Array;
  constructor(data: string | Uint8Array) {
    super();
    this.data = data;
  }
  protected call(): WriteCall {
    return { kind: 'write', data: this.data };
  }
}
