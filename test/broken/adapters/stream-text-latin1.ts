/** Breaks STREAM-001: `write(string)` sends one byte per UTF-16 code unit (latin-1, high bits lost) instead of UTF-8. */
import { breakReference, withPatch, type AlsoBreaks } from '../break.ts';

export const breaks = 'STREAM-001';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'STREAM-003': 'STREAM-003\'s rule is that the writes made after the handler returned the response arrive: their text arrives as latin-1, not as its UTF-8 bytes',
  'STREAM-004': 'STREAM-004\'s rule is that the body is the concatenation of each call\'s bytes: a write of non-ASCII text contributes latin-1 bytes',
  'STREAM-008': 'STREAM-008\'s rule is that every byte written before close() arrives: with coalescing too, non-ASCII text is sent as latin-1',
  'STREAM-010': 'STREAM-010\'s model requires the body to be the bytes of the writes before the first close or abort: non-ASCII text gives other bytes',
};

function latin1(text: string): Uint8Array {
  return Uint8Array.from({ length: text.length }, (_, i) => text.charCodeAt(i) & 0xff);
}

export default breakReference({
  name: 'stream-text-latin1',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      write: (data) => stream.write(typeof data === 'string' ? latin1(data) : data),
    }),
});
