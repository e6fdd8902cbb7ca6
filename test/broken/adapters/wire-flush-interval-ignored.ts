/**
 * Breaks WIRE-007: `createStream({ flushInterval })` whose writes wait for
 * the buffer to fill (`bufferSize` bytes) or for `close()` — the interval is
 * ignored.
 */
import { breakReference } from '../break.ts';
import { delegateStream, optionsRecord } from '../stream-like.ts';

export const breaks = 'WIRE-007';

export default breakReference({
  name: 'wire-flush-interval-ignored',
  breaks,
  wrapStream(stream, inner, options) {
    const { flushInterval, bufferSize } = optionsRecord('options', options);
    if (flushInterval === undefined) return stream;
    const limit = typeof bufferSize === 'number' ? bufferSize : 16 * 1024;
    let held: Uint8Array[] = [];
    let heldBytes = 0;
    const release = (): void => {
      for (const bytes of held) inner.write(bytes);
      held = [];
      heldBytes = 0;
    };
    return delegateStream(inner, {
      write(data) {
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : (data as Uint8Array);
        held.push(bytes);
        heldBytes += bytes.byteLength;
        if (heldBytes >= limit) release();
      },
      close() {
        if (inner.state === 'open') release();
        inner.close();
      },
    });
  },
});
