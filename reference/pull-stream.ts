/**
 * A pull-based body over an iterator (DESIGN §3: "Generators are pulled, not
 * drained"). Each read calls `next()` once, with a high-water mark of 0, so
 * nothing is read ahead: a stalled client means a waiting generator.
 * A client that goes away makes it call `return()`, so the generator's
 * `finally` runs; a generator that throws errors the body and is reported.
 *
 * The body is a web `ReadableStream` (what `app.handler` returns on any
 * runtime). The Node bridge takes a shortcut for these bodies: it claims the
 * {@link PullSource} behind the stream ({@link claimPullSource}) and pulls it
 * directly, skipping the stream's per-chunk promises and the UTF-8 encoding of
 * text in JavaScript (Node encodes strings as it writes them, with the same
 * result as `TextEncoder`, lone surrogates → U+FFFD).
 */
import { NotIterableError } from './errors.js';
import { utf8 } from './utf8.js';

/** What generator responses accept: async or sync iterables (a `ReadableStream` is async-iterable). */
export type StreamSource<T> = AsyncIterable<T> | Iterable<T> | ReadableStream<T>;

/** A piece of a body: text (sent as UTF-8) or bytes. */
export type BodyChunk = string | Uint8Array;

/** How a pull stream turns values into body chunks and reports errors. */
export interface PullStreamInit<T> {
  /** The body chunk of one value (may be empty: nothing is sent). Throws for a value it cannot send. */
  toChunk(value: T): BodyChunk;
  /** Aborts when the client went away. */
  signal: AbortSignal;
  /** Receives a generator's error, a value `toChunk` rejected, or an error from `return()`. */
  onError(error: unknown): void;
  /** Sent before the first value (e.g. the SSE `retry:` block). */
  prelude?: BodyChunk;
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

/**
 * The iterator behind a pull-based body: one `next()` call per chunk asked
 * for, `return()` once when the consumer goes away, errors reported once.
 */
export class PullSource<T = unknown> {
  readonly #iterator: AnyIterator<T>;
  readonly #toChunk: (value: T) => BodyChunk;
  readonly #signal: AbortSignal;
  readonly #onError: (error: unknown) => void;
  #prelude: BodyChunk | undefined;
  #finished = false;
  #completed = false;
  #returned = false;
  /** Told when the request signal aborts (the web stream errors itself, waking its reader). */
  onAbort: ((reason: unknown) => void) | undefined;

  constructor(iterator: AnyIterator<T>, init: PullStreamInit<T>) {
    this.#iterator = iterator;
    this.#toChunk = init.toChunk;
    this.#signal = init.signal;
    this.#onError = init.onError;
    this.#prelude = init.prelude;
    if (init.signal.aborted) this.#abort(init.signal.reason);
    else init.signal.addEventListener('abort', this, { once: true });
  }

  /** The request signal aborted (the source is its own listener: no closure per body). */
  handleEvent(): void {
    this.#abort(this.#signal.reason);
  }

  /**
   * Stops watching the request signal: for a consumer that calls
   * {@link cancel} itself when the client goes away (the Node bridge), so an
   * idle stream does not also keep a signal listener.
   */
  unwatchSignal(): void {
    this.#signal.removeEventListener('abort', this);
  }

  /** The iterator is done and every chunk was handed out: a clean end. */
  get completed(): boolean {
    return this.#completed;
  }

  /**
   * Pulls the next non-empty chunk: `undefined` at the end (or once the
   * consumer went away). Rejects when the generator threw or yielded a value
   * that cannot be sent — reported through `onError` first.
   */
  async next(): Promise<BodyChunk | undefined> {
    const prelude = this.#prelude;
    if (prelude !== undefined) {
      this.#prelude = undefined;
      return prelude;
    }
    let fromIterator = true;
    try {
      for (;;) {
        if (this.#finished) return undefined;
        fromIterator = true;
        const result = await this.#iterator.next();
        if (this.#finished) return undefined;
        if (result.done) {
          this.#returned = true;
          this.#completed = true;
          this.#finish();
          return undefined;
        }
        const value = await result.value;
        fromIterator = false;
        const chunk = this.#toChunk(value);
        if (chunk.length !== 0) return chunk;
      }
    } catch (error) {
      if (this.#finished) return undefined;
      this.#finish();
      // The generator threw: it is done. A value was rejected: stop the generator.
      if (fromIterator) this.#returned = true;
      else await this.#stopIterator();
      this.#onError(error);
      throw error;
    }
  }

  /** The consumer went away (body cancelled, socket closed): calls `return()` once. */
  async cancel(): Promise<void> {
    if (this.#finished && this.#returned) return;
    this.#finish();
    await this.#stopIterator();
  }

  #abort(reason: unknown): void {
    if (this.#finished) return;
    this.#finish();
    this.onAbort?.(reason);
    void this.#stopIterator();
  }

  #finish(): void {
    this.#finished = true;
    this.#signal.removeEventListener('abort', this);
  }

  async #stopIterator(): Promise<void> {
    if (this.#returned) return;
    this.#returned = true;
    try {
      await this.#iterator.return?.();
    } catch (error) {
      this.#onError(error);
    }
  }
}

/** Bodies made by {@link pullStream}, with the source a bridge may pull directly. */
const sources = new WeakMap<ReadableStream<Uint8Array>, PullSource>();

/** A body that pulls `iterator` one value per read. */
export function pullStream<T>(iterator: AnyIterator<T>, init: PullStreamInit<T>): ReadableStream<Uint8Array> {
  const source = new PullSource(iterator, init);
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.onAbort = (reason) => controller.error(reason);
      },
      async pull(controller) {
        let chunk: BodyChunk | undefined;
        try {
          chunk = await source.next();
        } catch (error) {
          controller.error(error);
          return;
        }
        if (chunk !== undefined) controller.enqueue(typeof chunk === 'string' ? utf8(chunk) : chunk);
        else if (source.completed) controller.close();
        // else: cancelled (the stream knows) or aborted (onAbort errored it).
      },
      cancel: () => source.cancel(),
    },
    { highWaterMark: 0 },
  );
  sources.set(body, source as PullSource);
  return body;
}

/**
 * For a bridge: the {@link PullSource} behind `body` when it was made by
 * {@link pullStream} and nobody has read it, else `undefined`. Claiming locks
 * `body`, so the source has exactly one consumer, which must call
 * {@link PullSource.cancel} when its client goes away (the source no longer
 * watches the request signal).
 */
export function claimPullSource(body: ReadableStream<Uint8Array>): PullSource | undefined {
  const source = sources.get(body);
  if (source === undefined || body.locked) return undefined;
  sources.delete(body);
  body.getReader(); // locked for good: from now on the bridge pulls the source
  source.onAbort = undefined; // and the web stream can be collected
  source.unwatchSignal(); // the bridge cancels the source when the client goes away
  return source;
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
