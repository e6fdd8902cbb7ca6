/**
 * Iterables handed to the reference's `streamResponse` by broken adapters
 * that re-implement `sseResponse` / `chunkedResponse` on top of it. The
 * mapping pulls one value per `next()` (no read-ahead) and forwards
 * `return()`, so pulling and cleanup stay as faithful as the reference's.
 */

type AnyIterator = AsyncIterator<unknown> | Iterator<unknown>;

/** The iterator of an async iterable, an iterable or a ReadableStream; a TypeError otherwise (at the call). */
export function iteratorOf(field: string, source: unknown): AnyIterator {
  if (typeof source === 'string') throw new TypeError(`${field} must be an iterable of values, not a string`);
  const candidate = source as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null | undefined;
  const asyncIterator = candidate?.[Symbol.asyncIterator];
  if (typeof asyncIterator === 'function') return asyncIterator.call(candidate) as AsyncIterator<unknown>;
  const syncIterator = candidate?.[Symbol.iterator];
  if (typeof syncIterator === 'function') return syncIterator.call(candidate) as Iterator<unknown>;
  throw new TypeError(`${field} must be an AsyncIterable or an Iterable; got ${source === null ? 'null' : typeof source}`);
}

export interface MapSourceOptions<T> {
  /** Sent before the first value (costs no pull). */
  opening?: T;
  /** What is sent after the last value when the source ended normally (given how many values it gave); undefined for nothing. */
  closing?: (count: number) => T | undefined;
}

/**
 * `source`, each value mapped by `map(value, index)`. When `map` throws, the
 * source is returned (its `finally` runs) and the error ends the body.
 */
export function mapSource<T>(
  field: string,
  source: unknown,
  map: (value: unknown, index: number) => T,
  options: MapSourceOptions<T> = {},
): AsyncIterable<T> {
  const iterator = iteratorOf(field, source);
  let index = 0;
  let openingSent = options.opening === undefined;
  let closingSent = false;
  /** The source was returned, threw or ended. */
  let ended = false;
  /** The source ended normally (the closing value is due). */
  let sourceDone = false;
  const stop = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    await iterator.return?.();
  };
  const mapped: AsyncIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      if (!openingSent) {
        openingSent = true;
        return { done: false, value: options.opening as T };
      }
      if (sourceDone) return finish();
      if (ended) return { done: true, value: undefined };
      const result = await iterator.next();
      if (result.done) {
        ended = true;
        sourceDone = true;
        return finish();
      }
      const value: unknown = await result.value;
      try {
        return { done: false, value: map(value, index++) };
      } catch (error) {
        try {
          await stop();
        } catch {
          // The mapping error is the one to report; a failing return() is the source's own problem.
        }
        throw error;
      }
    },
    async return(): Promise<IteratorResult<T>> {
      await stop();
      return { done: true, value: undefined };
    },
  };
  function finish(): IteratorResult<T> {
    if (!closingSent) {
      closingSent = true;
      const closing = options.closing?.(index);
      if (closing !== undefined) return { done: false, value: closing };
    }
    return { done: true, value: undefined };
  }
  return { [Symbol.asyncIterator]: () => mapped };
}
