/** Breaks CHUNK-006: base64 chunks lose their `=` padding. */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class Base64Unpadded extends ChunkEncoder {
  override base64(bytes: Uint8Array): string {
    return super.base64(bytes).replace(/=+$/, '');
  }
}

export const breaks = 'CHUNK-006';

/** Unavoidable: the base64 lines are also judged by CHUNK-008 (strict decoding) and by the whole-body checks CHUNK-010/011. */
export const alsoBreaks = ['CHUNK-008', 'CHUNK-010', 'CHUNK-011'];

export default breakReference({ name: 'chunk-base64-unpadded', breaks, ...chunksVia(new Base64Unpadded()) });
