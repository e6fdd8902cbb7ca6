/**
 * Breaks STREAM-003: `stream.response` exists only once `close()` was called
 * (the body is assembled at the end), so a handler that returns the response
 * first and writes later returns `undefined`.
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'STREAM-003';

/** Unavoidable: every STREAM check opens its stream by returning stream.response before writing. */
export const alsoBreaks = ['STREAM-001', 'STREAM-002', 'STREAM-004', 'STREAM-005', 'STREAM-006', 'STREAM-008', 'STREAM-009', 'STREAM-010'];

/** Invalid options are still refused, and generator responses do not use createStream at all. */
export const stillPasses = ['STREAM-007', 'GEN-001', 'GEN-005'];

export default breakReference({
  name: 'stream-response-at-close',
  breaks,
  wrapStream: (stream) => {
    let closeCalled = false;
    return withPatch(stream, {
      close() {
        closeCalled = true;
        stream.close();
      },
      get response(): Response {
        return (closeCalled ? stream.response : undefined) as Response;
      },
    });
  },
});
