/** Breaks CHUNK-005: base64 chunks use the URL-safe alphabet (`-` and `_`, RFC 4648 §5) instead of `+` and `/`. */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class Base64Url extends ChunkEncoder {
  override base64(bytes: Uint8Array): string {
    return super.base64(bytes).replaceAll('+', '-').replaceAll('/', '_');
  }
}

export const breaks = 'CHUNK-005';

/** Unavoidable: the base64 lines are also judged by CHUNK-008 (strict decoding) and by the whole-body checks CHUNK-010/011. */
export const alsoBreaks = ['CHUNK-008', 'CHUNK-010', 'CHUNK-011'];

export default breakReference({ name: 'chunk-base64url', breaks, ...chunksVia(new Base64Url()) });
