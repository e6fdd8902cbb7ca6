/**
 * Breaks STREAM-002: `write(Uint8Array)` decodes the bytes as UTF-8 and
 * writes the text, so bytes that are not UTF-8 become U+FFFD.
 */
import { breakReference, withPatch, type AlsoBreaks } from '../break.ts';

export const breaks = 'STREAM-002';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'STREAM-003': 'STREAM-003\'s rule is that the writes made after the handler returned the response arrive: their bytes arrive as U+FFFD instead',
  'STREAM-004': 'STREAM-004\'s rule is that the body is the concatenation of each call\'s bytes: a write of bytes that are not UTF-8 contributes others',
  'STREAM-008': 'STREAM-008\'s rule is that every byte written before close() arrives: with coalescing too, bytes that are not UTF-8 arrive as U+FFFD',
  'STREAM-010': 'STREAM-010\'s model requires the body to be the bytes of the writes before the first close or abort: bytes that are not UTF-8 are not',
};

const decoder = new TextDecoder();

export default breakReference({
  name: 'stream-bytes-as-text',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      write: (data) => stream.write(data instanceof Uint8Array ? decoder.decode(data) : data),
    }),
});
