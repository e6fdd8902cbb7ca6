/**
 * Breaks CLOSE-001: the last `write` is held back (to coalesce it with the
 * next one) and `close()` ends the body without sending it.
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'CLOSE-001';

const NOTHING = new Uint8Array(0);

export default breakReference({
  name: 'close-tail-lost',
  breaks,
  wrapStream: (stream) => {
    let held: string | Uint8Array | undefined;
    const release = (): void => {
      if (held === undefined) return;
      const data = held;
      held = undefined;
      stream.write(data);
    };
    return withPatch(stream, {
      write(data) {
        if (typeof data !== 'string' && !(data instanceof Uint8Array)) return stream.write(data); // the reference's TypeError
        stream.write(NOTHING); // throws once the stream ended
        release();
        held = data;
      },
      writeChunk(value, options) {
        release();
        stream.writeChunk(value, options);
      },
      writeSSE(data, options) {
        release();
        stream.writeSSE(data, options);
      },
      close() {
        held = undefined;
        stream.close();
      },
    });
  },
});
