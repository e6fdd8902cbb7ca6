/**
 * A conforming variant: generator responses read their source ahead — as
 * many values as GEN-004 allows — so the next value is ready when the client
 * asks.
 */
import { breakReference, wrapSources } from '../broken/break.ts';
import { iteratorOf } from '../broken/sources.ts';

/** How many values more than the body took are requested from the source. */
const AHEAD = 2;

export const departs =
  'generator responses keep 2 requests to the source ahead of what the body took (a prefetch), so the next values are ready when the client reads; GEN-004 allows a generator to run up to 2 values ahead of what the client read, and the reference\'s body takes a value only when the client reads';

function readAhead(source: unknown): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const queue: Promise<IteratorResult<unknown>>[] = [];
  let ended = false;
  const fill = (): void => {
    while (!ended && queue.length < AHEAD) {
      const result = Promise.resolve(iterator.next());
      result.then(
        (item) => {
          if (item.done) ended = true;
        },
        () => {
          ended = true;
        },
      );
      queue.push(result);
    }
  };
  const ahead: AsyncIterator<unknown> = {
    async next() {
      fill();
      const result = queue.shift();
      if (result === undefined) return { done: true, value: undefined };
      try {
        return await result;
      } finally {
        fill();
      }
    },
    async return() {
      ended = true;
      queue.length = 0;
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => ahead };
}

/** Built from the reference like the broken adapters (`breaks` names the requirement whose precision it proves; it breaks nothing). */
export default {
  ...breakReference({ name: 'gen-read-ahead-two', breaks: 'GEN-004', ...wrapSources(readAhead) }),
  name: 'variant/gen-read-ahead-two',
};
