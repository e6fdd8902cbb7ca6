/**
 * Breaks STREAM-005: an empty write ends the stream, as handing an empty
 * chunk to an HTTP/1.1 transport does (it is the last-chunk marker).
 */
import { breakReference, withPatch, type AlsoBreaks } from '../break.ts';

export const breaks = 'STREAM-005';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'STREAM-001': 'STREAM-001\'s rule is that successive writes arrive in order: after a write(""), the next write throws instead',
  'STREAM-003': 'STREAM-003\'s rule is that writes made after the handler returned arrive: after a write("") among them, the rest throw',
  'STREAM-004': 'STREAM-004\'s rule is that any mix of writes gives the concatenation of their bytes: after a write(""), the next call throws',
  'STREAM-006': 'after an earlier write("") closed the stream, an invalid write throws StreamClosedError, not the TypeError STREAM-006\'s rule requires',
  'STREAM-008': 'STREAM-008\'s rule is that every byte written before close() arrives: what is written after a write("") is refused',
  'STREAM-010': 'the model writes "" after the client went away; the defect turns it into close(), which does not throw: CLOSE-004\'s rule, so the model run is blocked by CLOSE-004, which is outside this area\'s run and so counts as failed',
};

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
