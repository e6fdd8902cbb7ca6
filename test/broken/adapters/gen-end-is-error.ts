/** Breaks GEN-005: when the generator returns, the body ends in error ("stream ended unexpectedly") instead of cleanly. */
import { breakReference, wrapSources } from '../break.ts';
import { iteratorOf } from '../sources.ts';

export const breaks = 'GEN-005';

function endAsError(source: unknown): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const wrapped: AsyncIterator<unknown> = {
    async next() {
      const result = await iterator.next();
      if (result.done) throw new Error('stream ended unexpectedly');
      return result;
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => wrapped };
}

export default breakReference({ name: 'gen-end-is-error', breaks, ...wrapSources(endAsError) });
