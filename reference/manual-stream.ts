/**
 * The stream that `ctx.createStream()` returns: the handler writes, the body
 * delivers. Guide: "Manual Streaming"; DESIGN §3 "Close, abort, errors".
 */
import { encodeChunk } from './chunk.js';
import { typeName } from './describe-value.js';
import { InvalidChunkError, InvalidOptionError, StreamClosedError, type StreamState } from './errors.js';
import { requireOptionsObject, resolveEncoding, type ChunkEncoding, type ResolvedStreamingOptions, type SseFields } from './options.js';
import { encodeSseComment, encodeSseData, encodeSseEvent, resolveSseFields } from './sse.js';
import { utf8 } from './utf8.js';

/** Options of {@link ManualStream.writeChunk}. */
export interface WriteChunkOptions {
  encoding?: ChunkEncoding;
}

/**
 * A response body written by hand.
 *
 * - Writes never block and never fail for being over `bufferSize`; a writer
 *   that wants to respect back-pressure awaits {@link ManualStream.ready}.
 * - After {@link ManualStream.close}, {@link ManualStream.error} or after the
 *   client went away, every write throws {@link StreamClosedError} and sends
 *   nothing. Invalid arguments throw a `TypeError` subclass and send nothing.
 * - Without `flushInterval`, each write is handed to the body at once; with
 *   it, writes are coalesced into one chunk (flushed after `flushInterval` ms,
 *   at `bufferSize` bytes, or on `close()`).
 */
export class ManualStream {
  /** The response to return from the handler; exists before the first write. */
  readonly response: Response;
  /** Resolves when the stream ended: closed, errored, or the client went away. Never rejects. */
  readonly closed: Promise<void>;

  #state: StreamState = 'open';
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly #abortController = new AbortController();
  readonly #requestSignal: AbortSignal;
  readonly #onRequestAbort = (): void => this.#abort(this.#requestSignal.reason);
  #resolveClosed!: () => void;
  #readyWaiter: { promise: Promise<void>; resolve: () => void } | undefined;

  readonly #bufferSize: number;
  readonly #flushInterval: number | undefined;
  #coalesced: Uint8Array[] = [];
  #coalescedBytes = 0;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;

  /** @internal Use `ctx.createStream()`. */
  constructor(options: ResolvedStreamingOptions, headers: HeadersInit, requestSignal: AbortSignal) {
    this.#bufferSize = options.bufferSize;
    this.#flushInterval = options.flushInterval;
    this.#requestSignal = requestSignal;
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => {
          if (this.desiredSize > 0) this.#releaseReady();
        },
        cancel: (reason) => {
          this.#abort(reason);
        },
      },
      { highWaterMark: options.bufferSize, size: (chunk) => chunk.byteLength },
    );
    this.response = new Response(body, { status: 200, headers });
    if (requestSignal.aborted) this.#abort(requestSignal.reason);
    else requestSignal.addEventListener('abort', this.#onRequestAbort, { once: true });
  }

  /** `open` until `close()` (`closed`), `error()` (`errored`) or the client went away (`aborted`). */
  get state(): StreamState {
    return this.#state;
  }

  /** Aborted when the client went away (request signal aborted, or the body cancelled). */
  get signal(): AbortSignal {
    return this.#abortController.signal;
  }

  /** `bufferSize` minus the bytes not yet read by the consumer (0 once ended). */
  get desiredSize(): number {
    if (this.#state !== 'open') return 0;
    return (this.#controller.desiredSize ?? 0) - this.#coalescedBytes;
  }

  /**
   * Resolves when fewer than `bufferSize` bytes wait for the consumer (at once
   * if that is already so, or if the stream ended). `await stream.ready`
   * before a write to respect back-pressure.
   */
  get ready(): Promise<void> {
    if (this.#state !== 'open' || this.desiredSize > 0) return Promise.resolve();
    this.#readyWaiter ??= withResolvers();
    return this.#readyWaiter.promise;
  }

  /** Writes text (as UTF-8; lone surrogates become U+FFFD) or bytes. An empty write sends nothing. */
  write(data: string | Uint8Array): void {
    this.#requireOpen('write');
    let bytes: Uint8Array;
    if (typeof data === 'string') bytes = utf8(data);
    else if (data instanceof Uint8Array) bytes = data;
    else throw new InvalidChunkError('data', data, `must be a string or a Uint8Array, not a ${typeName(data)}; use writeChunk() for values`);
    this.#push(bytes);
  }

  /**
   * Writes one chunk (DESIGN §3 "Chunks"): string → UTF-8, bytes as is, other
   * values as JSON; `utf-8` adds `\n` after JSON (NDJSON), `base64`/`hex`
   * (RFC 4648 §4/§8) add `\n` after every chunk.
   */
  writeChunk(value: unknown, options?: WriteChunkOptions): void {
    this.#requireOpen('writeChunk');
    const encoding = resolveEncoding('options.encoding', requireOptionsObject('options', options).encoding);
    this.#push(encodeChunk('data', value, encoding));
  }

  /**
   * Writes exactly one Server-Sent Event (WHATWG HTML §9.2.5): a string as is
   * (one `data: ` line per CR/LF/CRLF-separated line), other values as JSON.
   */
  writeSSE(data: unknown, options?: SseFields): void {
    this.#requireOpen('writeSSE');
    const fields = resolveSseFields(requireOptionsObject('options', options), 'options');
    this.#push(utf8(encodeSseEvent(encodeSseData('data', data), fields)));
  }

  /** Writes an SSE comment (`: text`), e.g. a heartbeat that keeps proxies from timing out. */
  writeComment(text = ''): void {
    this.#requireOpen('writeComment');
    if (typeof text !== 'string') throw new InvalidOptionError('text', text, 'must be a string');
    this.#push(utf8(encodeSseComment(text)));
  }

  /** Flushes coalesced bytes and ends the body normally. Does nothing once ended. */
  close(): void {
    if (this.#state !== 'open') return;
    this.#flush();
    this.#end('closed');
    this.#controller.close();
  }

  /** Ends the body abnormally (an HTTP/1.1 client sees no last chunk). Does nothing once ended. */
  error(reason?: unknown): void {
    if (this.#state !== 'open') return;
    this.#end('errored');
    this.#controller.error(reason ?? new Error('the stream was ended with error()'));
  }

  #abort(reason: unknown): void {
    if (this.#state !== 'open') return;
    this.#end('aborted');
    this.#abortController.abort(reason);
    // No-op when the body was cancelled; wakes a pending read when only the request signal fired.
    this.#controller.error(reason);
  }

  #end(state: Exclude<StreamState, 'open'>): void {
    this.#state = state;
    clearTimeout(this.#flushTimer);
    this.#coalesced = [];
    this.#coalescedBytes = 0;
    this.#requestSignal.removeEventListener('abort', this.#onRequestAbort);
    this.#releaseReady();
    this.#resolveClosed();
  }

  #requireOpen(method: string): void {
    if (this.#state !== 'open') throw new StreamClosedError(this.#state, method);
  }

  #push(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    if (this.#flushInterval === undefined) {
      this.#controller.enqueue(bytes);
      return;
    }
    this.#coalesced.push(bytes);
    this.#coalescedBytes += bytes.byteLength;
    if (this.#coalescedBytes >= this.#bufferSize) this.#flush();
    else this.#flushTimer ??= setTimeout(() => this.#flush(), this.#flushInterval);
  }

  #flush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#coalescedBytes === 0 || this.#state !== 'open') return;
    const chunk = this.#coalesced.length === 1 ? this.#coalesced[0]! : concatAll(this.#coalesced, this.#coalescedBytes);
    this.#coalesced = [];
    this.#coalescedBytes = 0;
    this.#controller.enqueue(chunk);
  }

  #releaseReady(): void {
    this.#readyWaiter?.resolve();
    this.#readyWaiter = undefined;
  }
}

function concatAll(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function withResolvers(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
