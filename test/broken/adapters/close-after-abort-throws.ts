/** Breaks CLOSE-008: `close()` on a stream whose client went away throws "the client went away". */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'CLOSE-008';

export default breakReference({
  name: 'close-after-abort-throws',
  breaks,
  wrapStream: (stream, inner) =>
    withPatch(stream, {
      close() {
        if (inner.state === 'aborted') throw new Error('cannot close: the client went away');
        stream.close();
      },
    }),
});
