/**
 * Breaks CHUNK-008: with base64 or hex, an empty chunk sends nothing instead
 * of an empty line, so a client splitting on `\n` loses it.
 */
import { breakReference, chunksVia } from '../break.ts';
import { ChunkEncoder, type ChunkEncoding } from '../chunk-encoder.ts';

class EmptyLinesDropped extends ChunkEncoder {
  override encode(value: unknown, encoding: ChunkEncoding): Uint8Array {
    const encoded = super.encode(value, encoding);
    return encoding !== 'utf-8' && encoded.byteLength === 1 ? new Uint8Array(0) : encoded;
  }
}

export const breaks = 'CHUNK-008';

/** Unavoidable: the base64/hex checks and the whole-body check CHUNK-011 send empty chunks too. */
export const alsoBreaks = ['CHUNK-005', 'CHUNK-006', 'CHUNK-007', 'CHUNK-011'];

export default breakReference({ name: 'chunk-empty-lines-dropped', breaks, ...chunksVia(new EmptyLinesDropped()) });
