/**
 * Generators read ahead of the body: a pump takes values from the source
 * into a queue, up to `limit` values ahead of what the body has taken (the
 * body pulls from the queue). `limit: 64` is a bounded read-ahead, which
 * GEN-004 over a socket allows (docs/spec.md GEN-004: the bound there is
 * what the socket buffers take); `limit: Infinity` drains the generator as
 * soon as the response exists — a "buffer for speed" that turns a client
 * that stops reading into unbounded memory.
 *
 * Order, values, errors (after the values before them) and `return()` (the
 * source's `finally` runs) are kept.
 */
import { iteratorOf } from '../broken/sources.ts';

type Item = { result: IteratorResult<unknown> } | { error: unknown };

/** `source`, read up to `limit` values ahead of its consumer. */
export function readAhead(source: unknown, limit: number): AsyncIterable<unknown> {
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
      while (!stopped && !sourceEnded && queue.length < limit) {
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
  const ahead: AsyncIterator<unknown> = {
    async next() {
      while (queue.length === 0) {
        if (stopped) return { done: true, value: undefined };
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
  return { [Symbol.asyncIterator]: () => ahead };
}
