/**
 * Breaks STREAM-002: `write(Uint8Array)` decodes the bytes as UTF-8 and
 * writes the text, so bytes that are not UTF-8 become U+FFFD.
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'STREAM-002';

/** Unavoidable: every STREAM check writes random bytes and compares the body (STREAM-009 counts the queued bytes). */
export const alsoBreaks = ['STREAM-003', 'STREAM-004', 'STREAM-005', 'STREAM-006', 'STREAM-008', 'STREAM-009', 'STREAM-010'];

const decoder = new TextDecoder();

export default breakReference({
  name: 'stream-bytes-as-text',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      write: (data) => stream.write(data instanceof Uint8Array ? decoder.decode(data) : data),
    }),
});
