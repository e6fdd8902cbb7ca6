/** Breaks CLOSE-002: a second `close()` throws "stream already closed". */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'CLOSE-002';

/** Unavoidable: CLOSE-008 closes more than once after an abort. */
export const alsoBreaks = ['CLOSE-008'];

export default breakReference({
  name: 'close-second-throws',
  breaks,
  wrapStream: (stream) => {
    let closeCalled = false;
    return withPatch(stream, {
      close() {
        if (closeCalled) throw new Error('stream already closed');
        closeCalled = true;
        stream.close();
      },
    });
  },
});
