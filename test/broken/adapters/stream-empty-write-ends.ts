/**
 * Breaks STREAM-005: an empty write ends the stream, as handing an empty
 * chunk to an HTTP/1.1 transport does (it is the last-chunk marker).
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'STREAM-005';

/** Unavoidable: the other STREAM checks write empty strings among their data and go on writing. */
export const alsoBreaks = ['STREAM-001', 'STREAM-003', 'STREAM-004', 'STREAM-006', 'STREAM-008', 'STREAM-010'];

export default breakReference({
  name: 'stream-empty-write-ends',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      write(data) {
        const empty = data === '' || (data instanceof Uint8Array && data.byteLength === 0);
        if (empty) stream.close();
        else stream.write(data);
      },
    }),
});
