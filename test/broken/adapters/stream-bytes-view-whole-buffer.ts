/**
 * Breaks STREAM-002: `write(Uint8Array)` sends the view's whole underlying
 * buffer (`new Uint8Array(view.buffer)`), not just the view's bytes — the
 * classic bug with `subarray()` views and pooled Buffers.
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'STREAM-002';
/** Every check that writes bytes sees the stray buffer bytes: the flaw is the same, not a second one. */
export const alsoBreaks = ['STREAM-003', 'STREAM-004', 'STREAM-005', 'STREAM-006', 'STREAM-008', 'STREAM-009', 'STREAM-010'];

export default breakReference({
  name: 'stream-bytes-view-whole-buffer',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      write: (data) => stream.write(data instanceof Uint8Array ? new Uint8Array(data.buffer) : data),
    }),
});
