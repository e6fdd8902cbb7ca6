/** Breaks STREAM-001: `write(string)` sends one byte per UTF-16 code unit (latin-1, high bits lost) instead of UTF-8. */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'STREAM-001';

/** Unavoidable: every STREAM check writes random text and compares the body. */
export const alsoBreaks = ['STREAM-003', 'STREAM-004', 'STREAM-005', 'STREAM-006', 'STREAM-008', 'STREAM-010'];

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
