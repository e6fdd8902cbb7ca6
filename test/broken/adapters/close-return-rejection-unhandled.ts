/**
 * Breaks CLOSE-009: when the client goes away, the generator's `return()` is
 * called and forgotten — a generator whose `finally` throws leaves a rejection
 * nobody handles. Generators whose `finally` does not throw see no difference.
 */
import { breakReference, type BrokenContext } from '../break.ts';
import { iteratorOf } from '../sources.ts';

export const breaks = 'CLOSE-009';

function returnForgotten(source: unknown): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const wrapped: AsyncIterator<unknown> = {
    next: async () => iterator.next(),
    return() {
      // Fire and forget: a rejection of return() (a finally that throws) is never handled.
      void iterator.return?.();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  return { [Symbol.asyncIterator]: () => wrapped };
}

export default breakReference({
  name: 'close-return-rejection-unhandled',
  breaks,
  wrapContext: (ctx): BrokenContext => ({
    ...ctx,
    streamResponse: (source, options) => ctx.streamResponse(returnForgotten(source), options),
    chunkedResponse: (source, options) => ctx.chunkedResponse(returnForgotten(source), options),
    sseResponse: (source, options) => ctx.sseResponse(returnForgotten(source), options),
  }),
});
