/**
 * The stream that `ctx.createStream()` returns: the handler writes, the body
 * delivers. Guide: "Manual Streaming"; spec §2.10–§2.13.
 */
import { encodeChunk } from './chunk.ts';
import { typeName } from './describe-value.ts';
import { InvalidChunkError, InvalidOptionError, StreamClosedError, type StreamState } from './errors.ts';
import { requireOptionsObject, resolveEncoding, type ChunkEncoding, type ResolvedStreamingOptions, type SseFields } from './options.ts';
import { encodePlainSseEvent, encodeSseComment, encodeSseData, encodeSseEvent, resolveSseFields } from './sse.ts';
import { utf8 } from './utf8.ts';

/** Options of {@link ManualStream.writeChunk}. */
export interface WriteChunkOptions {
  encoding?: ChunkEncoding;
}

/** Bodies of manual streams a bridge may claim ({@link claimManualStream}). */
const manualBodies = new WeakMap<ReadableStream<Uint8Array>, ManualStream>();
/** Set by the class's static block: a bridge's way in to a stream's private state. */
let claimStream: (stream: ManualStream) => ManualStreamClaim;

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
  static {
    claimStream = (stream) => stream.#claim();
  }

  /** The response to return from the handler; exists before the first write. */
  readonly response: Response;
  /** Resolves when the stream ended: closed, errored, or the client went away. Never rejects. */
  readonly closed: Promise<void>;

  #state: StreamState = 'open';
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Written, not yet handed to the consumer: the web stream hands one per read. */
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** A read waits for data: the next write goes straight to it. */
  #readWaiting = false;
  /** Closed while writes were pending: the web stream closes once they are read. */
  #closeWhenRead = false;
  /** A bridge claimed the body: no web stream reads; writes go to the sink once attached. */
  #claimed = false;
  #sink: ManualStreamSink | undefined;
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
        pull: () => this.#pull(),
        cancel: (reason) => {
          this.#abort(reason);
        },
      },
      // The stream's own queue stays empty: writes wait in #pending, one handed over per read.
      { highWaterMark: 0 },
    );
    this.response = new Response(body, { status: 200, headers });
    manualBodies.set(body, this);
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
    const unread = this.#sink !== undefined ? this.#sink.bufferedBytes : this.#pendingBytes;
    return this.#bufferSize - unread - this.#coalescedBytes;
  }

  /**
   * Resolves when fewer than `bufferSize` bytes wait for the consumer (at once
   * if that is already so, or if the stream ended). `await stream.ready`
   * before a write to respect back-pressure.
   */
  get ready(): Promise<void> {
    if (this.#state !== 'open') return Promise.resolve();
    if (this.desiredSize > 0) {
      // A writer that always finds room would never let the event loop run: the sink says when to yield.
      return this.#sink?.yieldTurn() ?? Promise.resolve();
    }
    this.#readyWaiter ??= withResolvers();
    return this.#readyWaiter.promise;
  }

  /** Writes text (as UTF-8; lone surrogates become U+FFFD) or bytes. An empty write sends nothing. */
  write(data: string | Uint8Array): void {
    this.#requireOpen('write');
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
      throw new InvalidChunkError('data', data, `must be a string or a Uint8Array, not a ${typeName(data)}; use writeChunk() for values`);
    }
    this.#push(data);
  }

  /**
   * Writes one chunk (spec §2.8): string → UTF-8, bytes as is, other
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
    if (options === undefined) {
      this.#push(encodePlainSseEvent('data', data), true);
      return;
    }
    const fields = resolveSseFields(requireOptionsObject('options', options), 'options');
    this.#push(encodeSseEvent(encodeSseData('data', data), fields), true);
  }

  /** Writes an SSE comment (`: text`), e.g. a heartbeat that keeps proxies from timing out. */
  writeComment(text = ''): void {
    this.#requireOpen('writeComment');
    if (typeof text !== 'string') throw new InvalidOptionError('text', text, 'must be a string');
    this.#push(encodeSseComment(text), true);
  }

  /** Flushes coalesced bytes and ends the body normally. Does nothing once ended. */
  close(): void {
    if (this.#state !== 'open') return;
    this.#flush();
    this.#end('closed');
    if (this.#sink !== undefined) this.#sink.end();
    else if (this.#claimed) return; // the bridge ends the response when it attaches
    else if (this.#pending.length === 0) this.#controller.close();
    else this.#closeWhenRead = true;
  }

  /** Ends the body abnormally (an HTTP/1.1 client sees no last chunk). Does nothing once ended. */
  error(reason?: unknown): void {
    if (this.#state !== 'open') return;
    this.#end('errored');
    this.#dropPending();
    if (this.#sink !== undefined) this.#sink.fail();
    else this.#controller.error(reason ?? new Error('the stream was ended with error()'));
  }

  #abort(reason: unknown): void {
    if (this.#state !== 'open') return;
    this.#end('aborted');
    this.#dropPending();
    this.#abortController.abort(reason);
    // No-op when the body was cancelled; wakes a pending read when only the request signal fired.
    if (this.#sink === undefined) this.#controller.error(reason);
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

  /**
   * Text stays text until it must be bytes: a bridge's sink lets Node encode
   * it as it writes. `framed`: SSE framing (begins with a field name or `:`,
   * ends with LF), which a sink may join without reading its edges.
   */
  #push(chunk: string | Uint8Array, framed = false): void {
    if (chunk.length === 0) return;
    if (this.#flushInterval === undefined) {
      if (this.#sink !== undefined) this.#sink.write(chunk, framed);
      else this.#deliver(typeof chunk === 'string' ? utf8(chunk) : chunk);
      return;
    }
    const bytes = typeof chunk === 'string' ? utf8(chunk) : chunk;
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
    if (this.#sink !== undefined) this.#sink.write(chunk);
    else this.#deliver(chunk);
  }

  /** Hands `chunk` to a waiting read, or keeps it for the next one. */
  #deliver(chunk: Uint8Array): void {
    if (this.#readWaiting) {
      this.#readWaiting = false;
      this.#controller.enqueue(chunk);
      return;
    }
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.byteLength;
  }

  /** The web stream wants a chunk (a read is waiting). */
  #pull(): void {
    if (this.#claimed) {
      this.#controller.error(new TypeError('this body is being sent by a server bridge (claimManualStream); it cannot also be read'));
      return;
    }
    const chunk = this.#pending.shift();
    if (chunk === undefined) {
      this.#readWaiting = true;
      return;
    }
    this.#pendingBytes -= chunk.byteLength;
    this.#controller.enqueue(chunk);
    if (this.#closeWhenRead && this.#pending.length === 0) this.#controller.close();
    if (this.desiredSize > 0) this.#releaseReady();
  }

  #dropPending(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** The body goes to a bridge: see {@link claimManualStream}. */
  #claim(): ManualStreamClaim {
    this.#claimed = true;
    return {
      attach: (sink) => {
        this.#sink = sink;
        for (const chunk of this.#pending) sink.write(chunk);
        this.#dropPending();
        if (this.#state === 'closed') sink.end();
        else if (this.#state === 'errored') sink.fail();
        sink.onProgress = () => {
          if (this.#readyWaiter !== undefined && this.desiredSize > 0) this.#releaseReady();
        };
        sink.onProgress();
      },
      cancel: (reason) => this.#abort(reason),
    };
  }

  #releaseReady(): void {
    this.#readyWaiter?.resolve();
    this.#readyWaiter = undefined;
  }
}

/**
 * Where a claimed manual stream writes (a bridge's response). Writes never
 * wait: back-pressure reaches the stream's writer through `ready` and
 * `desiredSize`, computed from {@link ManualStreamSink.bufferedBytes}.
 */
export interface ManualStreamSink {
  /** Text (the sink encodes it as UTF-8) or bytes; `framed`: text that is SSE framing (begins with a field name or `:`, ends with LF). */
  write(chunk: string | Uint8Array, framed?: boolean): void;
  /** Bytes written but not yet taken by the network. */
  readonly bufferedBytes: number;
  /** Whether the writer has had the event loop long enough: `ready` then resolves on the next turn. */
  yieldTurn(): Promise<void> | undefined;
  /** Set by the stream: called when buffered bytes went to the network. */
  onProgress: (() => void) | undefined;
  /** The stream closed: end the response cleanly. */
  end(): void;
  /** The stream ended with `error()`: end the response abnormally. */
  fail(): void;
}

/** A manual stream's body, taken over by a bridge. */
export interface ManualStreamClaim {
  /** From now on the stream writes to `sink`; what was written before goes first (and the end, if it came). */
  attach(sink: ManualStreamSink): void;
  /** The client went away (or the response could not be sent): the stream is aborted. */
  cancel(reason?: unknown): void;
}

/**
 * For a bridge: takes over `body` when it is a {@link ManualStream}'s and
 * nobody has read it, else `undefined`. Once attached, the stream writes to
 * the bridge's sink: no web stream, no `TextEncoder` per write (a later read
 * of `body` errors).
 */
export function claimManualStream(body: ReadableStream<Uint8Array>): ManualStreamClaim | undefined {
  const stream = manualBodies.get(body);
  if (stream === undefined || body.locked) return undefined;
  manualBodies.delete(body);
  return claimStream(stream);
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
