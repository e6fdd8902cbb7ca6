/**
 * Breaks CHUNK-008: with base64 or hex, an empty chunk sends nothing instead
 * of an empty line, so a client splitting on `\n` loses it.
 */
import { breakReference, chunksVia, type AlsoBreaks } from '../break.ts';
import { ChunkEncoder, type ChunkEncoding } from '../chunk-encoder.ts';

class EmptyLinesDropped extends ChunkEncoder {
  override encode(value: unknown, encoding: ChunkEncoding): Uint8Array {
    const encoded = super.encode(value, encoding);
    return encoding !== 'utf-8' && encoded.byteLength === 1 ? new Uint8Array(0) : encoded;
  }
}

export const breaks = 'CHUNK-008';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'CHUNK-005': 'CHUNK-005\'s rule is that each base64 chunk is followed by \\n: an empty chunk gets no \\n at all',
  'CHUNK-007': 'CHUNK-007\'s rule is that each hex chunk is followed by \\n: an empty chunk gets no \\n at all',
};

export default breakReference({ name: 'chunk-empty-lines-dropped', breaks, ...chunksVia(new EmptyLinesDropped()) });
