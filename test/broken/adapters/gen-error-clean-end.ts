/** Breaks GEN-006: a generator that throws ends the body cleanly, so a truncated body looks complete. */
import { breakReference, wrapSources } from '../break.ts';
import { iteratorOf } from '../sources.ts';

export const breaks = 'GEN-006';

function errorSwallowed(source: unknown): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const wrapped: AsyncIterator<unknown> = {
    async next() {
      try {
        return await iterator.next();
      } catch {
        return { done: true, value: undefined };
      }
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => wrapped };
}

export default breakReference({ name: 'gen-error-clean-end', breaks, ...wrapSources(errorSwallowed) });
