/**
 * A conforming variant: `handle()` resolves the response of a manual stream
 * only once the handler wrote to it or closed it (or the client left), one
 * macrotask later — as servers that send the head with the first bytes do.
 */
import { breakReference, withPatch } from '../broken/break.ts';

export const departs =
  'handle() resolves a manual stream\'s response only after the first write or close() (a macrotask later), the way servers that send the head with the first bytes behave; STREAM-003 asks that stream.response exist when createStream resolves and that writes made after the handler returned arrive, not that the head comes before them';

/** Opens when the stream of that response was first written to, closed, or abandoned. */
const headGates = new WeakMap<Response, Promise<void>>();

/** Built from the reference like the broken adapters (`breaks` names the requirement whose precision it proves; it breaks nothing). */
export default {
  ...breakReference({
  name: 'stream-head-at-first-write',
  breaks: 'STREAM-003',
  wrapStream: (stream, inner) => {
    let open!: () => void;
    const written = new Promise<void>((resolve) => (open = resolve));
    headGates.set(inner.response, written.then(() => new Promise<void>((resolve) => setImmediate(resolve))));
    void inner.closed.then(open, open);
    const first =
      <A extends unknown[]>(call: (...args: A) => void) =>
      (...args: A): void => {
        call(...args);
        open();
      };
    return withPatch(stream, {
      write: first((data: unknown) => stream.write(data)),
      writeChunk: first((value: unknown, options?: unknown) => stream.writeChunk(value, options)),
      writeSSE: first((data: unknown, options?: unknown) => stream.writeSSE(data, options)),
      writeComment: first((text?: string) => stream.writeComment?.(text)),
      close: first(() => stream.close()),
    });
  },
  async wrapResponse(response) {
    await headGates.get(response);
    return response;
  },
}),
  name: 'variant/stream-head-at-first-write',
};
