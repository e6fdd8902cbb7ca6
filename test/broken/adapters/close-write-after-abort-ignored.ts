/** Breaks CLOSE-004: after the client went away, `write`, `writeChunk` and `writeSSE` are silently ignored instead of throwing. */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'CLOSE-004';

export default breakReference({
  name: 'close-write-after-abort-ignored',
  breaks,
  wrapStream: (stream, inner) => {
    const gone = (): boolean => inner.state === 'aborted';
    return withPatch(stream, {
      write: (data) => (gone() ? undefined : stream.write(data)),
      writeChunk: (value, options) => (gone() ? undefined : stream.writeChunk(value, options)),
      writeSSE: (data, options) => (gone() ? undefined : stream.writeSSE(data, options)),
    });
  },
});
