/** Breaks CHUNK-006: base64 chunks lose their `=` padding. */
import { breakReference, chunksVia, type AlsoBreaks } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class Base64Unpadded extends ChunkEncoder {
  override base64(bytes: Uint8Array): string {
    return super.base64(bytes).replace(/=+$/, '');
  }
}

export const breaks = 'CHUNK-006';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'CHUNK-008': 'a client that decodes each line by RFC 4648 (§3.2: padding required) refuses a base64 line whose length is not a multiple of 4, so it cannot recover the chunk',
};

export default breakReference({ name: 'chunk-base64-unpadded', breaks, ...chunksVia(new Base64Unpadded()) });
