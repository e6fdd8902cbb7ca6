/** Breaks CLOSE-003: after `close()`, `write`, `writeChunk` and `writeSSE` are silently ignored instead of throwing. */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'CLOSE-003';

export default breakReference({
  name: 'close-write-after-close-ignored',
  breaks,
  wrapStream: (stream) => {
    let closeCalled = false;
    return withPatch(stream, {
      write: (data) => (closeCalled ? undefined : stream.write(data)),
      writeChunk: (value, options) => (closeCalled ? undefined : stream.writeChunk(value, options)),
      writeSSE: (data, options) => (closeCalled ? undefined : stream.writeSSE(data, options)),
      close() {
        closeCalled = true;
        stream.close();
      },
    });
  },
});
