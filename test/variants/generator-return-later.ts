/**
 * The implementation pulls every generator response through its own
 * iterator, whose `return()` runs the source's `return()` 25 ms later and
 * resolves after it.
 */
import { wrapSources } from '../broken/break.ts';
import { iteratorOf } from '../broken/sources.ts';
import { vary } from './kit/vary.ts';

const RETURN_DELAY_MS = 25;

function returningLater(source: unknown): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  let returned = false;
  const wrapped: AsyncIterator<unknown> = {
    next: async () => {
      const result = await iterator.next();
      if (result.done) returned = true;
      return result;
    },
    async return() {
      if (!returned) {
        returned = true;
        await new Promise((resolve) => setTimeout(resolve, RETURN_DELAY_MS));
        await iterator.return?.();
      }
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => wrapped };
}

export const departs =
  'a gone client makes the implementation call the generator\'s return() 25 ms later, on a later tick, and its own return() resolves after that; CLOSE-005/006 and WIRE-008 allow up to 1 s';

export default vary({ name: 'generator-return-later', ...wrapSources(returningLater) });
