/** Breaks CHUNK-003: JSON chunks (utf-8) are sent without the `\n` that ends an NDJSON line, so they run together. */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class NdjsonWithoutNewline extends ChunkEncoder {
  override utf8(value: unknown): Uint8Array {
    return this.bytes(value);
  }
}

export const breaks = 'CHUNK-003';

export default breakReference({ name: 'chunk-ndjson-no-newline', breaks, ...chunksVia(new NdjsonWithoutNewline()) });
