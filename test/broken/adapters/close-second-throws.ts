/** Breaks CLOSE-002: a second `close()` throws "stream already closed". */
import { breakReference, withPatch, type AlsoBreaks } from '../break.ts';

export const breaks = 'CLOSE-002';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'CLOSE-008': 'CLOSE-008\'s rule covers every close() on a stream whose client went away: the second of them throws "stream already closed"',
};

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
