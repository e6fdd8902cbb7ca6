/** Breaks CHUNK-004: a chunk JSON cannot carry is written as `String(value)` plus `\n` (`undefined\n`) instead of a TypeError. */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder } from '../chunk-encoder.ts';

class UnserializableWritten extends ChunkEncoder {
  override json(value: unknown): string {
    try {
      return super.json(value);
    } catch {
      return String(value);
    }
  }
}

export const breaks = 'CHUNK-004';

export default breakReference({ name: 'chunk-unserializable-written', breaks, ...chunksVia(new UnserializableWritten()) });
