/**
 * Breaks CLOSE-010: `closed` is resolved in `close()` only; the path that
 * handles a client going away (request abort, body cancel) forgets it, so a
 * handler that cleans up on `closed` leaks every client that left until it
 * calls `close()` itself.
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'CLOSE-010';

export default breakReference({
  name: 'close-closed-not-on-abort',
  breaks,
  wrapStream: (stream) => {
    let resolveClosed!: () => void;
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    return withPatch(stream, {
      close() {
        try {
          stream.close();
        } finally {
          resolveClosed();
        }
      },
      get closed(): Promise<void> {
        return closed;
      },
    });
  },
});
