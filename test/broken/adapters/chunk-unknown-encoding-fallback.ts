/** Breaks CHUNK-009: an unknown encoding (`'utf8'`, `'binary'`, ...) silently falls back to utf-8 instead of a TypeError. */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder, type ChunkEncoding } from '../chunk-encoder.ts';

class UnknownEncodingFallsBack extends ChunkEncoder {
  override encoding(field: string, encoding: unknown): ChunkEncoding {
    return encoding === 'base64' || encoding === 'hex' ? encoding : 'utf-8';
  }
}

export const breaks = 'CHUNK-009';

export default breakReference({ name: 'chunk-unknown-encoding-fallback', breaks, ...chunksVia(new UnknownEncodingFallsBack()) });
