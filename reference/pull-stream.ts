/**
 * A pull-based body over an iterator (DESIGN §3: "Generators are pulled, not
 * drained"). `pull` calls `next()` once per read, with a high-water mark of 0,
 * so nothing is read ahead: a stalled client means a waiting generator.
 * A client that goes away makes it call `return()`, so the generator's
 * `finally` runs; a generator that throws errors the body and is reported.
 */
import { NotIterableError } from './errors.js';

/** What generator responses accept: async or sync iterables (a `ReadableStream` is async-iterable). */
export type StreamSource<T> = AsyncIterable<T> | Iterable<T> | ReadableStream<T>;

/** How a pull stream turns values into bytes and reports errors. */
export interface PullStreamInit<T> {
  /** Body bytes of one value (may be empty: nothing is sent). Throws for a value it cannot send. */
  toBytes(value: T): Uint8Array;
  /** Aborts when the client went away. */
  signal: AbortSignal;
  /** Receives a generator's error, a value `toBytes` rejected, or an error from `return()`. */
  onError(error: unknown): void;
  /** Bytes sent before the first value (e.g. the SSE `retry:` block). */
  prelude?: Uint8Array;
}

type AnyIterator<T> = AsyncIterator<T> | Iterator<T>;

/**
 * Gets the iterator of `source` at the call, so a non-iterable fails fast.
 * @throws {@link NotIterableError}
 */
export function iteratorOf<T>(field: string, source: StreamSource<T>): AnyIterator<T> {
  if (typeof source === 'string') {
    throw new NotIterableError(field, source, 'must be an iterable of chunks, not a string (wrap it: [text])');
  }
  const candidate = source as Partial<AsyncIterable<T> & Iterable<T> & ReadableStream<T>> | null | undefined;
  const asyncIterator = candidate?.[Symbol.asyncIterator];
  if (typeof asyncIterator === 'function') return asyncIterator.call(candidate);
  const syncIterator = candidate?.[Symbol.iterator];
  if (typeof syncIterator === 'function') return syncIterator.call(candidate);
  const getReader = candidate?.getReader;
  if (typeof getReader === 'function') return readerIterator(getReader.call(candidate) as ReadableStreamDefaultReader<T>);
  throw new NotIterableError(field, source, 'must be an AsyncIterable, an Iterable or a ReadableStream');
}

/** A body that pulls `iterator` one value per read. */
export function pullStream<T>(iterator: AnyIterator<T>, init: PullStreamInit<T>): ReadableStream<Uint8Array> {
  const { toBytes, signal, onError, prelude } = init;
  let finished = false;
  let returned = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  const stopIterator = async (): Promise<void> => {
    if (returned) return;
    returned = true;
    try {
      await iterator.return?.();
    } catch (error) {
      onError(error);
    }
  };
  const finish = (): void => {
    finished = true;
    signal.removeEventListener('abort', onAbort);
  };
  function onAbort(): void {
    if (finished) return;
    finish();
    controllerRef?.error(signal.reason);
    void stopIterator();
  }

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        if (prelude !== undefined) controller.enqueue(prelude);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      },
      async pull(controller) {
        let fromIterator = true;
        try {
          for (;;) {
            fromIterator = true;
            const result = await iterator.next();
            if (finished) return;
            if (result.done) {
              finish();
              returned = true;
              controller.close();
              return;
            }
            const value = await result.value;
            fromIterator = false;
            const bytes = toBytes(value);
            if (bytes.byteLength === 0) continue;
            controller.enqueue(bytes);
            return;
          }
        } catch (error) {
          if (finished) return;
          finish();
          // The generator threw: it is done. A value was rejected: stop the generator.
          if (fromIterator) returned = true;
          else await stopIterator();
          onError(error);
          controller.error(error);
        }
      },
      async cancel() {
        if (finished && returned) return;
        finish();
        await stopIterator();
      },
    },
    { highWaterMark: 0 },
  );
}

function readerIterator<T>(reader: ReadableStreamDefaultReader<T>): AsyncIterator<T> {
  return {
    next: () => reader.read() as Promise<IteratorResult<T>>,
    return: async () => {
      await reader.cancel();
      return { done: true, value: undefined };
    },
  };
}
