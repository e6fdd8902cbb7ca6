/**
 * Breaks STREAM-002: `write(Uint8Array)` sends the view's whole underlying
 * buffer (`new Uint8Array(view.buffer)`), not just the view's bytes — the
 * classic bug with `subarray()` views and pooled Buffers.
 */
import { breakReference, withPatch, type AlsoBreaks } from '../break.ts';

export const breaks = 'STREAM-002';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'STREAM-003': 'STREAM-003\'s rule is that the writes made after the handler returned the response arrive: the whole buffer arrives instead of a view\'s bytes',
  'STREAM-004': 'STREAM-004\'s rule is that the body is the concatenation of each call\'s bytes: a write of a view contributes its whole buffer',
  'STREAM-008': 'STREAM-008\'s rule is that every byte written before close() arrives, and only those: with coalescing too, a view sends its whole buffer',
  'STREAM-005': 'STREAM-005\'s rule is that an empty write sends nothing: an empty view into a larger buffer is an empty write, and the defect sends that whole buffer for it',
};

export default breakReference({
  name: 'stream-bytes-view-whole-buffer',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      write: (data) => stream.write(data instanceof Uint8Array ? new Uint8Array(data.buffer) : data),
    }),
});
