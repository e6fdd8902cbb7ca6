/**
 * Node bridge: sends a web `Response` on a Node response, chunk by chunk as
 * the body yields them (no buffering), honouring `drain`.
 *
 * - no `Content-Length` is added: HTTP/1.1 uses chunked transfer coding;
 * - a clean end → `end()` (the last chunk `0\r\n\r\n`); a body that errors →
 *   the connection (HTTP/1.1) or stream (HTTP/2, RST_STREAM INTERNAL_ERROR)
 *   is torn down, so the client can tell the body was cut short;
 * - the client goes away → the body reader is cancelled, so a generator's
 *   `return()` runs.
 */
import { constants, Http2ServerResponse } from 'node:http2';
import { HOP_BY_HOP_HEADERS } from '../headers.js';
import { claimPullSource, type BodyChunk, type ChunkSink } from '../pull-stream.js';
import type { NodeResponse } from './to-web-request.js';

/** The part of both Node response kinds that the bridge uses (their union has no callable `write`). */
interface WritableNodeResponse {
  readonly writableEnded: boolean;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  write(chunk: Uint8Array | string): boolean;
  end(): unknown;
  flushHeaders?(): void;
}

/**
 * Sends `response` on `res`. Never rejects. Only what the body needs stays
 * referenced while it streams (not the `Response`, nor the request): an idle
 * open stream costs little.
 */
export function writeResponse(nodeResponse: NodeResponse, response: Response): Promise<void> {
  const res = nodeResponse as NodeResponse & WritableNodeResponse;
  const http2 = res instanceof Http2ServerResponse;
  const body = response.body;
  // The reference's own generator bodies are pulled directly (see pull-stream.ts); any other body is read.
  const source = body === null ? undefined : claimPullSource(body);
  const reader = source === undefined ? body?.getReader() : undefined;
  const consumer: Consumer = source !== undefined ? new ResponseSink(res) : { gone: false };
  res.on('close', () => {
    consumer.gone = true;
    if (res.writableEnded) return;
    if (source !== undefined) void source.cancel();
    else reader?.cancel().catch(() => {});
  });
  try {
    res.writeHead(response.status, nodeHeaders(response.headers, http2));
  } catch (error) {
    if (source !== undefined) void source.cancel();
    else reader?.cancel(error).catch(() => {});
    sendPlain500(res, error);
    return Promise.resolve();
  }
  if (body === null) {
    res.end();
    return Promise.resolve();
  }
  if (!response.headers.has('content-length')) res.flushHeaders?.();
  return consumer instanceof ResponseSink ? source!.pipeTo(consumer) : pipeToEnd(res, consumer, pipeReader(reader!, res, consumer));
}

/** Ends `res` after `piped`: cleanly when it fulfilled, torn down when the body errored. */
async function pipeToEnd(res: WritableNodeResponse & NodeResponse, consumer: Consumer, piped: Promise<void>): Promise<void> {
  try {
    await piped;
    if (!consumer.gone) res.end();
  } catch {
    // The body errored (a generator threw, stream.error()): the app reported it.
    // Tear down so the client sees an abnormal end, never a clean one.
    tearDown(res);
  }
}

/** Whether the client is still there; set when the response closes. */
interface Consumer {
  gone: boolean;
}

/**
 * Texts that arrive while the previous write is still being batched (the same
 * turn of the event loop) are joined and written as one chunk; this many
 * UTF-16 units at most. A lone event is never held back: the batch is written
 * when the turn's pending promise callbacks have run (`process.nextTick`).
 */
const COALESCE_LIMIT = 16 * 1024;
/**
 * After writing for this long without a pause, a response lets the event loop
 * run (`setImmediate`), so other connections get their turn: with many
 * streams at once, each one's first bytes go out early (fair time to first
 * byte), at a cost of one loop turn per millisecond of writing.
 */
const FAIRNESS_SLICE_MS = 1;

/**
 * Where a generator body is written: one response. The source pulls itself
 * ({@link PullSource.pipeTo}) and hands each chunk here; this writes it,
 * honouring `drain`, then ends the response (or tears it down when the body
 * errored). Its state lives in fields, not in closures, so an idle stream
 * keeps one small object and the source's one async frame.
 */
class ResponseSink implements Consumer, ChunkSink {
  gone = false;
  readonly #res: WritableNodeResponse & NodeResponse;
  #batch = '';
  #flushQueued = false;
  #sliceStart = performance.now();

  constructor(res: WritableNodeResponse & NodeResponse) {
    this.#res = res;
  }

  write(chunk: BodyChunk): Promise<void> | undefined {
    if (this.gone) return undefined;
    let writable: boolean;
    if (typeof chunk === 'string') {
      this.#batch += chunk;
      if (this.#batch.length < COALESCE_LIMIT) {
        if (!this.#flushQueued) {
          this.#flushQueued = true;
          process.nextTick(flushQueuedBatch, this);
        }
        return undefined;
      }
      writable = this.#flush();
    } else {
      // Both writes happen whatever the first returned (a full socket still queues; `&&` would drop the bytes).
      const flushed = this.#flush();
      writable = this.#res.write(chunk) && flushed;
    }
    if (!writable && !this.gone) {
      this.#sliceStart = -1; // waiting for drain lets the event loop run: a new slice starts at the next write
      return drained(this.#res);
    }
    if (this.#sliceStart < 0) this.#sliceStart = performance.now();
    else if (performance.now() - this.#sliceStart >= FAIRNESS_SLICE_MS) {
      this.#sliceStart = performance.now();
      return new Promise((resolve) => setImmediate(resolve));
    }
    return undefined;
  }

  end(): void {
    this.#flush();
    if (!this.gone) this.#res.end();
  }

  fail(): void {
    // The body errored (a generator threw, a value it could not send): the app reported it.
    // Tear down so the client sees an abnormal end, never a clean one.
    this.#flush();
    tearDown(this.#res);
  }

  /** Writes the batch if a write is still queued for it (the `process.nextTick` callback). */
  flushQueuedBatch(): void {
    if (this.#flushQueued) this.#flush();
  }

  #flush(): boolean {
    this.#flushQueued = false;
    if (this.#batch === '' || this.gone) return true;
    const text = this.#batch;
    this.#batch = '';
    return this.#res.write(text);
  }
}

function flushQueuedBatch(sink: ResponseSink): void {
  sink.flushQueuedBatch();
}

/** Reads any other web body, writes each chunk as it comes, honouring `drain`. */
async function pipeReader(reader: ReadableStreamDefaultReader<Uint8Array>, res: WritableNodeResponse & NodeResponse, consumer: Consumer): Promise<void> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done || consumer.gone) break;
    if (!res.write(value) && !consumer.gone) await drained(res);
  }
}

function nodeHeaders(headers: Headers, http2: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    if (http2 && HOP_BY_HOP_HEADERS.has(name)) return; // forbidden in HTTP/2 (RFC 9113 §8.2.2)
    out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

function drained(res: NodeResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function tearDown(res: NodeResponse): void {
  if (res instanceof Http2ServerResponse) {
    if (!res.stream.destroyed) res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
  } else if (res.socket !== null && !res.socket.destroyed) {
    // Flush what was written (Node corks a response's writes until the next tick), then close
    // without the last chunk: the client sees an incomplete chunked body.
    res.socket.destroySoon();
  } else {
    res.destroy();
  }
}

/** Answers 500 when the app's response could not be sent (e.g. an invalid header). */
export function sendPlain500(nodeResponse: NodeResponse, error: unknown): void {
  const res = nodeResponse as NodeResponse & WritableNodeResponse;
  if (res.headersSent) {
    tearDown(res);
    return;
  }
  const text = `Internal Server Error: ${error instanceof Error ? error.message : String(error)}\n`;
  res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.write(new TextEncoder().encode(text));
  res.end();
}
