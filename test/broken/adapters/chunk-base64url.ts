/** Breaks CHUNK-005: base64 chunks use the URL-safe alphabet (`-` and `_`, RFC 4648 §5) instead of `+` and `/`. */
import { breakReference, chunksVia, type AlsoBreaks } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class Base64Url extends ChunkEncoder {
  override base64(bytes: Uint8Array): string {
    return super.base64(bytes).replaceAll('+', '-').replaceAll('/', '_');
  }
}

export const breaks = 'CHUNK-005';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'CHUNK-008': 'a client that decodes each line with the RFC 4648 §4 alphabet refuses - and _, so it cannot recover a chunk whose base64 holds them',
};

export default breakReference({ name: 'chunk-base64url', breaks, ...chunksVia(new Base64Url()) });
