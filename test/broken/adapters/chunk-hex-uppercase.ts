/** Breaks CHUNK-007: hex chunks are uppercase (`DEADBEEF`) instead of lowercase. */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class HexUppercase extends ChunkEncoder {
  override hex(bytes: Uint8Array): string {
    return super.hex(bytes).toUpperCase();
  }
}

export const breaks = 'CHUNK-007';

export default breakReference({ name: 'chunk-hex-uppercase', breaks, ...chunksVia(new HexUppercase()) });
