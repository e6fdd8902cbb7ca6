/**
 * Breaks GEN-004: generators are drained into a queue as soon as the response
 * is created, however far ahead of what the client has read (a "buffer for
 * speed" that turns a slow client into memory growth). A bounded read-ahead
 * would be allowed (test/variants/wire-read-ahead-64.ts).
 */
import { breakReference, wrapSources } from '../break.ts';
import { iteratorOf } from '../sources.ts';

export const breaks = 'GEN-004';

/** How far ahead of the client the queue is filled: no limit. */
const READ_AHEAD = Number.POSITIVE_INFINITY;

type Item = { result: IteratorResult<unknown> } | { error: unknown };

function drainedEagerly(source: unknown): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const queue: Item[] = [];
  let wake: (() => void) | undefined;
  let pumping = false;
  let stopped = false;
  let sourceEnded = false;
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (!stopped && !sourceEnded && queue.length < READ_AHEAD) {
        try {
          const result = await iterator.next();
          if (result.done) sourceEnded = true;
          queue.push({ result });
        } catch (error) {
          sourceEnded = true;
          queue.push({ error });
        }
        wake?.();
        wake = undefined;
      }
    } finally {
      pumping = false;
    }
  };
  void pump();
  const drained: AsyncIterator<unknown> = {
    async next() {
      while (queue.length === 0) {
        if (stopped || sourceEnded) return { done: true, value: undefined };
        const woken = new Promise<void>((resolve) => (wake = resolve));
        void pump();
        await woken;
      }
      const item = queue.shift()!;
      void pump();
      if ('error' in item) throw item.error;
      return item.result;
    },
    async return() {
      stopped = true;
      queue.length = 0;
      wake?.();
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => drained };
}

export default breakReference({ name: 'gen-eager-drain', breaks, ...wrapSources(drainedEagerly) });
