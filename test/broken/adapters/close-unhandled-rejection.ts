/**
 * Breaks CLOSE-009: when the client goes away, a promise is rejected that
 * nobody handles — from a manual stream when it learns of it, and from a
 * generator response when it returns the generator.
 */
import { breakReference, type BrokenContext } from '../break.ts';
import { iteratorOf } from '../sources.ts';

export const breaks = 'CLOSE-009';

function rejectUnhandled(): void {
  void Promise.reject(new Error('client went away (a rejection nobody handles)'));
}

function rejectingOnReturn(source: unknown): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const wrapped: AsyncIterator<unknown> = {
    next: async () => iterator.next(),
    async return() {
      rejectUnhandled();
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => wrapped };
}

export default breakReference({
  name: 'close-unhandled-rejection',
  breaks,
  wrapStream: (stream, inner) => {
    void inner.closed.then(() => {
      if (inner.state === 'aborted') rejectUnhandled();
    });
    return stream;
  },
  wrapContext: (ctx): BrokenContext => ({
    ...ctx,
    streamResponse: (iterable, options) => ctx.streamResponse(rejectingOnReturn(iterable), options),
    chunkedResponse: (chunks, options) => ctx.chunkedResponse(rejectingOnReturn(chunks), options),
    sseResponse: (iterable, options) => ctx.sseResponse(rejectingOnReturn(iterable), options),
  }),
});
