/**
 * A pull-based body over an iterator (spec §2.12: "Generators are pulled, not
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
import { NotIterableError } from './errors.ts';
import { isThenable } from './thenable.ts';
import { utf8 } from './utf8.ts';

/** What generator responses accept: async or sync iterables (a `ReadableStream` is async-iterable). */
export type StreamSource<T> = AsyncIterable<T> | Iterable<T> | ReadableStream<T>;

/** A piece of a body: text (sent as UTF-8) or bytes. */
export type BodyChunk = string | Uint8Array;

/**
 * Turns the values of a body into body chunks. An object, not a closure: the
 * encoders without state are shared by every body (an open stream keeps one
 * reference, not a function and its scope).
 */
export interface ChunkEncoder<T> {
  /** The body chunk of one value (may be empty: nothing is sent). Throws for a value it cannot send. */
  toChunk(value: T): BodyChunk;
  /**
   * Every text chunk (and the prelude) is SSE framing: it begins with a field
   * name or `:` and ends with LF, so its edges are never surrogate halves and
   * a writer may join it to others without reading them (reading a character
   * of a joined string makes V8 flatten it: a copy per event).
   */
  readonly framedText?: boolean;
}

/** Where a body's errors go: a generator's error, a value the encoder rejected, or an error from `return()`. */
export interface StreamErrorSink {
  reportError(error: unknown): void;
}

/** Told by a {@link PullSource} that the request signal aborted. */
interface SourceAbortListener {
  sourceAborted(reason: unknown): void;
}

/** Where {@link PullSource.pipeTo} writes a body. */
export interface ChunkSink {
  /** Takes one chunk; returns a promise when the pipe should wait before pulling the next (back-pressure). */
  write(chunk: BodyChunk): Promise<void> | undefined;
  /** The body ended cleanly, or its consumer went away. */
  end(): void;
  /** The body failed (the error was reported): the consumer must not see a clean end. */
  fail(): void;
}

/** How a pull stream turns values into body chunks and reports errors. */
export interface PullStreamInit<T> {
  encoder: ChunkEncoder<T>;
  /** Aborts when the client went away. */
  signal: AbortSignal;
  errors: StreamErrorSink;
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
  readonly #encoder: ChunkEncoder<T>;
  /** Dropped once the source stops watching it ({@link unwatchSignal}). */
  #signal: AbortSignal | undefined;
  readonly #errors: StreamErrorSink;
  #prelude: BodyChunk | undefined;
  #finished = false;
  #completed = false;
  #returned = false;
  /** Told when the request signal aborts (the web stream errors itself, waking its reader). */
  abortListener: SourceAbortListener | undefined;

  constructor(iterator: AnyIterator<T>, init: PullStreamInit<T>) {
    this.#iterator = iterator;
    this.#encoder = init.encoder;
    this.#signal = init.signal;
    this.#errors = init.errors;
    this.#prelude = init.prelude;
    if (init.signal.aborted) this.#abort(init.signal.reason);
    else init.signal.addEventListener('abort', this, { once: true });
  }

  /** The request signal aborted (the source is its own listener: no closure per body). */
  handleEvent(): void {
    this.#abort(this.#signal?.reason);
  }

  /**
   * Stops watching the request signal: for a consumer that calls
   * {@link cancel} itself when the client goes away (the Node bridge), so an
   * idle stream does not also keep a signal listener.
   */
  unwatchSignal(): void {
    this.#signal?.removeEventListener('abort', this);
    this.#signal = undefined;
  }

  /** Whether every text chunk is SSE framing (see {@link ChunkEncoder.framedText}). */
  get framedText(): boolean {
    return this.#encoder.framedText === true;
  }

  /** The iterator is done and every chunk was handed out: a clean end. */
  get completed(): boolean {
    return this.#completed;
  }

  /**
   * Pulls the next non-empty chunk: `undefined` at the end (or once the
   * consumer went away). Rejects when the generator threw or yielded a value
   * that cannot be sent — reported to the error sink first.
   */
  async next(): Promise<BodyChunk | undefined> {
    const prelude = this.#takePrelude();
    if (prelude !== undefined) return prelude;
    let fromIterator = true;
    try {
      for (;;) {
        if (this.#finished) return undefined;
        fromIterator = true;
        const result = await this.#iterator.next();
        if (this.#finished || this.#isEnd(result)) return undefined;
        const value = await result.value;
        fromIterator = false;
        const chunk = this.#encoder.toChunk(value);
        if (chunk.length !== 0) return chunk;
      }
    } catch (error) {
      if (await this.#failed(error, fromIterator)) throw error;
      return undefined;
    }
  }

  /**
   * Pulls every chunk into `sink`, one `next()` of the iterator at a time,
   * waiting whenever `sink.write` asks to; then `sink.end()` (clean end or
   * cancelled) or `sink.fail()` (the generator threw or yielded a value that
   * cannot be sent, reported to the error sink first). Never rejects.
   *
   * For a bridge that writes to a socket: the loop is this one async frame,
   * where {@link next} in a loop would hold two per open stream.
   */
  async pipeTo(sink: ChunkSink): Promise<void> {
    let fromIterator = true;
    try {
      const prelude = this.#takePrelude();
      if (prelude !== undefined) await sink.write(prelude);
      for (;;) {
        if (this.#finished) break;
        fromIterator = true;
        const result = await this.#iterator.next();
        if (this.#finished || this.#isEnd(result)) break;
        // A value that is a promise (a sync iterable of promises) is awaited, as `for await` does; others are not.
        // (A primitive is never a thenable: no property lookup on its prototype per value.)
        const raw = result.value;
        const value = (typeof raw === 'object' || typeof raw === 'function') && isThenable(raw) ? await raw : raw;
        fromIterator = false;
        const chunk = this.#encoder.toChunk(value);
        if (chunk.length === 0) continue;
        const wait = sink.write(chunk);
        if (wait !== undefined) await wait;
      }
    } catch (error) {
      if (await this.#failed(error, fromIterator)) {
        sink.fail();
        return;
      }
    }
    sink.end();
  }

  #takePrelude(): BodyChunk | undefined {
    const prelude = this.#prelude;
    this.#prelude = undefined;
    return prelude;
  }

  /** Whether `result` ends the iterator (then the body is complete). */
  #isEnd(result: IteratorResult<T>): boolean {
    if (!result.done) return false;
    this.#returned = true;
    this.#completed = true;
    this.#finish();
    return true;
  }

  /**
   * The pull failed with `error`: whether it counts (it does not once the
   * consumer went away). The generator threw: it is done. A value was
   * rejected: the generator is stopped. Either way the error is reported.
   */
  async #failed(error: unknown, fromIterator: boolean): Promise<boolean> {
    if (this.#finished) return false;
    this.#finish();
    if (fromIterator) this.#returned = true;
    else await this.#stopIterator();
    this.#errors.reportError(error);
    return true;
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
    this.abortListener?.sourceAborted(reason);
    void this.#stopIterator();
  }

  #finish(): void {
    this.#finished = true;
    this.#signal?.removeEventListener('abort', this);
  }

  async #stopIterator(): Promise<void> {
    if (this.#returned) return;
    this.#returned = true;
    try {
      await this.#iterator.return?.();
    } catch (error) {
      this.#errors.reportError(error);
    }
  }
}

/**
 * The underlying source of a {@link pullStream} body: reads pull the
 * {@link PullSource} one chunk at a time. An object with methods (the stream
 * calls them with it as `this`), so a body costs no closures.
 */
class PullUnderlyingSource implements UnderlyingDefaultSource<Uint8Array>, SourceAbortListener {
  readonly #source: PullSource;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #claimed = false;

  constructor(source: PullSource) {
    this.#source = source;
  }

  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#controller = controller;
    this.#source.abortListener = this;
  }

  async pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    if (this.#claimed) {
      controller.error(new TypeError('this body is being sent by a server bridge (claimPullSource); it cannot also be read'));
      return;
    }
    let chunk: BodyChunk | undefined;
    try {
      chunk = await this.#source.next();
    } catch (error) {
      controller.error(error);
      return;
    }
    if (chunk !== undefined) controller.enqueue(typeof chunk === 'string' ? utf8(chunk) : chunk);
    else if (this.#source.completed) controller.close();
    // else: cancelled (the stream knows) or aborted (sourceAborted errored it).
  }

  cancel(): Promise<void> {
    return this.#source.cancel();
  }

  /** The request signal aborted: the stream errors itself, waking its reader. */
  sourceAborted(reason: unknown): void {
    this.#controller?.error(reason);
  }

  /** Hands the source to a bridge: the web stream will not pull it again. */
  claim(): PullSource {
    this.#claimed = true;
    this.#controller = undefined;
    const source = this.#source;
    source.abortListener = undefined;
    source.unwatchSignal(); // the bridge cancels the source when the client goes away
    return source;
  }
}

/** Bodies made by {@link pullStream}, with the source a bridge may pull directly. */
const sources = new WeakMap<ReadableStream<Uint8Array>, PullUnderlyingSource>();

/** A body that pulls `iterator` one value per read. */
export function pullStream<T>(iterator: AnyIterator<T>, init: PullStreamInit<T>): ReadableStream<Uint8Array> {
  const underlying = new PullUnderlyingSource(new PullSource(iterator, init) as PullSource);
  const body = new ReadableStream<Uint8Array>(underlying, { highWaterMark: 0 });
  sources.set(body, underlying);
  return body;
}

/**
 * For a bridge: the {@link PullSource} behind `body` when it was made by
 * {@link pullStream} and nobody has read it, else `undefined`. Claiming is
 * for good: the source has exactly one consumer from then on (a later read of
 * `body` errors it), which must call {@link PullSource.cancel} when its client
 * goes away (the source no longer watches the request signal).
 */
export function claimPullSource(body: ReadableStream<Uint8Array>): PullSource | undefined {
  const underlying = sources.get(body);
  if (underlying === undefined || body.locked) return undefined;
  sources.delete(body);
  return underlying.claim();
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
