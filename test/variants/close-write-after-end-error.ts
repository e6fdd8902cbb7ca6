/**
 * A conforming variant: writes on an ended stream (after close(), or after
 * the client went away) throw Node's own `Error [ERR_STREAM_WRITE_AFTER_END]:
 * write after end` — at the call — instead of the reference's StreamClosedError.
 */
import { breakReference, withPatch } from '../broken/break.ts';
import { isOpen } from '../broken/stream-like.ts';

export const departs =
  'writes on an ended stream throw a plain Error with code ERR_STREAM_WRITE_AFTER_END ("write after end"), as Node streams do, not the reference\'s StreamClosedError; CLOSE-003 and CLOSE-004 ask for an Error with a message thrown at the call, not for a class or a code';

function writeAfterEnd(): Error {
  return Object.assign(new Error('write after end'), { code: 'ERR_STREAM_WRITE_AFTER_END' });
}

/** Built from the reference like the broken adapters (`breaks` names the requirement whose precision it proves; it breaks nothing). */
export default {
  ...breakReference({
  name: 'close-write-after-end-error',
  breaks: 'CLOSE-003',
  wrapStream: (stream, inner) =>
    withPatch(stream, {
      write(data) {
        if (!isOpen(inner)) throw writeAfterEnd();
        stream.write(data);
      },
      writeChunk(value, options) {
        if (!isOpen(inner)) throw writeAfterEnd();
        stream.writeChunk(value, options);
      },
      writeSSE(data, options) {
        if (!isOpen(inner)) throw writeAfterEnd();
        stream.writeSSE(data, options);
      },
    }),
}),
  name: 'variant/close-write-after-end-error',
};
