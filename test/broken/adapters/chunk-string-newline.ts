/** Breaks CHUNK-001: utf-8 string chunks get a `\n` appended, as if every chunk were a line. */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class StringsAsLines extends ChunkEncoder {
  override utf8(value: unknown): Uint8Array {
    return typeof value === 'string' ? super.utf8(`${value}\n`) : super.utf8(value);
  }
}

export const breaks = 'CHUNK-001';

export default breakReference({ name: 'chunk-string-newline', breaks, ...chunksVia(new StringsAsLines()) });
