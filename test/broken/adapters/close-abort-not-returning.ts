/**
 * Breaks CLOSE-006: when the request's signal aborts, the generator is left
 * suspended (its `return()` is not called, its `finally` never runs); a body
 * cancel still returns it.
 */
import { breakReference, type BrokenContext } from '../break.ts';
import { iteratorOf } from '../sources.ts';

export const breaks = 'CLOSE-006';

function notReturnedOnAbort(source: unknown, signal: AbortSignal): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const wrapped: AsyncIterator<unknown> = {
    next: async () => iterator.next(),
    async return() {
      if (!signal.aborted) await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => wrapped };
}

export default breakReference({
  name: 'close-abort-not-returning',
  breaks,
  wrapContext: (ctx): BrokenContext => ({
    ...ctx,
    streamResponse: (iterable, options) => ctx.streamResponse(notReturnedOnAbort(iterable, ctx.req.signal), options),
    chunkedResponse: (chunks, options) => ctx.chunkedResponse(notReturnedOnAbort(chunks, ctx.req.signal), options),
    sseResponse: (iterable, options) => ctx.sseResponse(notReturnedOnAbort(iterable, ctx.req.signal), options),
  }),
});
