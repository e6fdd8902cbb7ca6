/**
 * Breaks SSE-018: `sseResponse` peeks at a synchronous iterable (calling
 * `next()` once, to answer an empty one at once) and then iterates it
 * afresh. An array starts over, but an iterator — a generator object,
 * `array[Symbol.iterator]()` — is its own iterable and goes on from where
 * the peek left it: its first value is never sent. Async iterables are not
 * peeked at.
 */
import { breakReference } from '../break.ts';

export const breaks = 'SSE-018';

function isSyncIterable(value: unknown): value is Iterable<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] !== 'function' && typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}

export default breakReference({
  name: 'sse-sync-iterator-peeked',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    sseResponse(iterable, options) {
      if (isSyncIterable(iterable) && iterable[Symbol.iterator]().next().done === true) return ctx.sseResponse([], options);
      return ctx.sseResponse(iterable, options);
    },
  }),
});
