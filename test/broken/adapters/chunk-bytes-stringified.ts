/** Breaks CHUNK-002: utf-8 `Uint8Array` chunks are sent as `String(bytes)` (`1,2,3`) instead of byte for byte. */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class BytesStringified extends ChunkEncoder {
  override utf8(value: unknown): Uint8Array {
    return value instanceof Uint8Array ? super.utf8(String(value)) : super.utf8(value);
  }
}

export const breaks = 'CHUNK-002';

export default breakReference({ name: 'chunk-bytes-stringified', breaks, ...chunksVia(new BytesStringified()) });
