/**
 * Breaks STREAM-003: `stream.response` exists only once `close()` was called
 * (the body is assembled at the end), so a handler that returns the response
 * first and writes later returns `undefined`.
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'STREAM-003';

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
