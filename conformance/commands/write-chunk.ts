/** Command: `stream.writeChunk(value, { encoding })`. */
import type { ChunkEncodingName, WriteCall } from '../arbitraries/stream-calls.ts';
import { ValidWriteCommand } from './valid-write-command.ts';

export class WriteChunkCommand extends ValidWriteCommand {
  readonly value: unknown;
  readonly encoding?: ChunkEncodingName;
  constructor(
    value: unknown,
    encoding?: ChunkEncodingName,
  ) {
    super();
    this.value = value;
    this.encoding = encoding;
  }
  protected call(): WriteCall {
    return { kind: 'writeChunk', value: this.value, ...(this.encoding === undefined ? {} : { encoding: this.encoding }) };
  }
}
