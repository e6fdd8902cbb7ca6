/**
 * A from-scratch implementation of the guide's streaming API on web streams
 * (ReadableStream, TextEncoder), written the way a careful outside author
 * would write it from the guide and docs/spec.md alone — without the
 * project's reference implementation — and served over HTTP/1.1 by its own
 * small Node bridge (HTTP/2: the suite's bundled bridge).
 *
 * Where the spec leaves a choice, this author chose differently from the
 * reference (each choice allowed by docs/spec.md):
 * - event streams use CRLF line ends and write fields other than `data`
 *   without the space (`event:x`, `id:7`, `retry:3000`; a value that itself
 *   starts with a space gets the one space a parser strips), spec §2a, SSE-006;
 * - `sseResponse` starts with a BOM, then a block with `retry`/`id` alone
 *   before the first event (WHATWG ABNF `stream = [ bom ] *event`; SSE-020);
 * - `Cache-Control: no-store, no-cache, max-age=0` on `sseResponse` (SSE-002);
 * - media types written `text/plain;charset=UTF-8` (HDR-001: compared by
 *   RFC 9110 §8.3.1);
 * - hop-by-hop fields from the caller are dropped, not refused (HDR-007);
 * - writes larger than 4 KiB reach the body in 4 KiB pieces; with
 *   `flushInterval` writes are coalesced (spec §2.4);
 * - generator bodies read up to 8 values ahead (spec §2.12);
 * - over HTTP/1.1 the response head goes out with the first write, not
 *   before it (STREAM-003);
 * - comments are written `:text` and followed by a blank line (SSE-021).
 * Optional capabilities implemented: `ready`, `closed`, `writeComment`.
 *
 * Two realistic mistakes are kept on purpose and documented in
 * {@link rootCauses}; the suite must fail those requirements and no other.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { defineAdapter, type ListeningServer } from '../../conformance/adapter/contract.ts';

/**
 * The requirements this implementation truly breaks, and why: two realistic
 * mistakes this author made and that are kept, documented, to measure the
 * suite's precision (one defect, one failed requirement).
 */
export const rootCauses: Record<string, string> = {
  'HDR-009':
    '(SHOULD) options.headers are passed to the Response as given, a Content-Length included: the author never thought of a caller setting one on a stream.',
  'WIRE-001':
    'its HTTP/1.1 bridge sends the head with the first write; a stream closed before any write is ended with res.end() before the head went out, so Node frames it with Content-Length: 0 instead of chunked coding (spec §2.14 asks chunked for every stream).',
  'GEN-006':
    'generator bodies read ahead (a queue of 8 values); when the generator throws, controller.error() discards what is queued, so values yielded before the error never reach the client (GEN-006: the body ends in error after the values yielded before).',
};

const EOL = '\r\n';
const PIECE = 4096;
const READ_AHEAD = 8;
const DEFAULT_BUFFER = 64 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);
const encoder = new TextEncoder();

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function' || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

class StreamEndedError extends Error {
  readonly code = 'STREAM_ENDED';
  constructor(call: string, why: string) {
    super(`${call}: the stream has ended (${why}); nothing was written`);
    this.name = 'StreamEndedError';
  }
}

// ---------------------------------------------------------------- encoding

function asBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

function jsonOf(value: unknown, field: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (cause) {
    throw new TypeError(`${field}: ${show(value)} cannot be serialized as JSON (${(cause as Error).message})`);
  }
  if (json === undefined) throw new TypeError(`${field}: ${show(value)} cannot be serialized as JSON`);
  return json;
}

type Encoding = 'utf-8' | 'base64' | 'hex';

function encodingOf(value: unknown): Encoding {
  if (value === undefined || value === 'utf-8' || value === 'base64' || value === 'hex') return value ?? 'utf-8';
  throw new TypeError(`encoding: ${show(value)} is not one of "utf-8", "base64", "hex"`);
}

function chunkBytes(value: unknown, encoding: Encoding): Uint8Array {
  const bytes = asBytes(value);
  if (encoding === 'utf-8') {
    if (bytes) return bytes;
    if (typeof value === 'string') return encoder.encode(value);
    return encoder.encode(jsonOf(value, 'chunk') + '\n');
  }
  const raw = bytes ?? encoder.encode(typeof value === 'string' ? value : jsonOf(value, 'chunk'));
  const text = encoding === 'base64' ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex');
  return encoder.encode(text + '\n');
}

function field(name: string, value: string): string {
  return `${name}:${value.startsWith(' ') ? ' ' : ''}${value}${EOL}`;
}

interface EventFields {
  id?: unknown;
  event?: unknown;
  retry?: unknown;
}

function checkFields(fields: EventFields): void {
  const { id, event, retry } = fields;
  if (event !== undefined) {
    if (typeof event !== 'string') throw new TypeError(`event: must be a string, got ${show(event)}`);
    if (/[\r\n]/.test(event)) throw new TypeError(`event: ${show(event)} contains CR or LF, which would end the field early`);
  }
  if (id !== undefined) {
    if (typeof id !== 'string') throw new TypeError(`id: must be a string, got ${show(id)}`);
    if (/[\r\n\0]/.test(id)) throw new TypeError(`id: ${show(id)} contains CR, LF or NUL; a client would end the field early or ignore it`);
  }
  if (retry !== undefined && !(typeof retry === 'number' && Number.isSafeInteger(retry) && retry >= 0))
    throw new TypeError(`retry: must be a non-negative integer (milliseconds), got ${show(retry)}`);
}

function fieldsText(fields: EventFields): string {
  let text = '';
  if (fields.event !== undefined) text += field('event', fields.event as string);
  if (fields.id !== undefined) text += field('id', fields.id as string);
  if (fields.retry !== undefined) text += field('retry', String(fields.retry));
  return text;
}

/** One event, or throws a TypeError before anything is written. */
function eventBytes(data: unknown, fields: EventFields): Uint8Array {
  checkFields(fields);
  const text = typeof data === 'string' ? data : jsonOf(data, 'data');
  let out = fieldsText(fields);
  for (const line of text.split(/\r\n|\r|\n/)) out += `data: ${line}${EOL}`;
  return encoder.encode(out + EOL);
}

// ---------------------------------------------------------------- headers

function checkHeaderRecord(headers: unknown, where: string): Record<string, string> {
  if (headers === undefined) return {};
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) throw new TypeError(`${where}.headers: must be an object, got ${show(headers)}`);
  for (const [name, value] of Object.entries(headers)) if (typeof value !== 'string') throw new TypeError(`${where}.headers[${show(name)}]: must be a string, got ${show(value)}`);
  return headers as Record<string, string>;
}

function headersFor(defaults: Record<string, string>, contentType: string | undefined, extra: Record<string, string>): Headers {
  const headers = new Headers(defaults);
  if (contentType !== undefined) headers.set('Content-Type', contentType);
  for (const [name, value] of Object.entries(extra)) {
    if (HOP_BY_HOP.has(name.toLowerCase())) continue; // the server's, never the app's
    headers.set(name, value);
  }
  return headers;
}

const TEXT_PLAIN = { 'Content-Type': 'text/plain;charset=UTF-8' };

interface StreamOptions {
  contentType?: string;
  headers?: Record<string, string>;
  bufferSize?: number;
  flushInterval?: number;
}

function checkStreamOptions(options: unknown): StreamOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError(`options: must be an object, got ${show(options)}`);
  const o = options as StreamOptions;
  if (o.contentType !== undefined && typeof o.contentType !== 'string') throw new TypeError(`contentType: must be a string, got ${show(o.contentType)}`);
  if (o.bufferSize !== undefined && !(Number.isSafeInteger(o.bufferSize) && o.bufferSize > 0)) throw new TypeError(`bufferSize: must be a positive integer (bytes), got ${show(o.bufferSize)}`);
  if (o.flushInterval !== undefined && !(typeof o.flushInterval === 'number' && Number.isFinite(o.flushInterval) && o.flushInterval >= 0))
    throw new TypeError(`flushInterval: must be a non-negative finite number (ms), got ${show(o.flushInterval)}`);
  checkHeaderRecord(o.headers, 'options');
  return o;
}

// ---------------------------------------------------------------- manual streams

export interface ManualStream {
  write(data: string | Uint8Array): void;
  writeChunk(value: unknown, options?: { encoding?: string }): void;
  writeSSE(data: unknown, options?: { id?: string; event?: string; retry?: number }): void;
  writeComment(text: string): void;
  close(): void;
  readonly response: Response;
  readonly ready: Promise<void>;
  readonly closed: Promise<void>;
}

function manualStream(options: StreamOptions, signal: AbortSignal): ManualStream {
  const bufferSize = options.bufferSize ?? DEFAULT_BUFFER;
  const flushInterval = options.flushInterval;
  let ended: string | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let readyPromise: Promise<void> = Promise.resolve();
  let releaseReady: (() => void) | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const updateReady = () => {
    if ((controller.desiredSize ?? 1) > 0 || ended) {
      releaseReady?.();
      releaseReady = undefined;
    } else if (!releaseReady) {
      readyPromise = new Promise<void>((resolve) => (releaseReady = resolve));
    }
  };
  const enqueue = (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.byteLength; at += PIECE) controller.enqueue(bytes.subarray(at, Math.min(at + PIECE, bytes.byteLength)));
    updateReady();
  };
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pendingBytes === 0) return;
    const all = new Uint8Array(pendingBytes);
    let at = 0;
    for (const part of pending) {
      all.set(part, at);
      at += part.byteLength;
    }
    pending = [];
    pendingBytes = 0;
    enqueue(all);
  };
  const send = (bytes: Uint8Array) => {
    if (bytes.byteLength === 0) return; // an empty write sends nothing
    if (flushInterval === undefined) return enqueue(bytes);
    pending.push(bytes);
    pendingBytes += bytes.byteLength;
    if (pendingBytes >= bufferSize) flush();
    else timer ??= setTimeout(flush, flushInterval);
  };
  const end = (why: string) => {
    if (ended) return false;
    ended = why;
    releaseReady?.();
    releaseReady = undefined;
    resolveClosed();
    return true;
  };
  const open = (call: string) => {
    if (ended) throw new StreamEndedError(call, ended);
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        updateReady();
      },
      cancel() {
        if (timer !== undefined) clearTimeout(timer);
        pending = [];
        end('the client went away');
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: bufferSize }),
  );
  const onAbort = () => {
    if (!end('the client went away')) return;
    if (timer !== undefined) clearTimeout(timer);
    pending = [];
    try {
      controller.close();
    } catch {
      // already closed or cancelled
    }
  };
  if (signal.aborted) queueMicrotask(onAbort);
  else signal.addEventListener('abort', onAbort, { once: true });

  const response = new Response(body, { status: 200, headers: headersFor(TEXT_PLAIN, options.contentType, options.headers ?? {}) });

  return {
    write(data) {
      open('write');
      const bytes = asBytes(data) ?? (typeof data === 'string' ? encoder.encode(data) : undefined);
      if (!bytes) throw new TypeError(`write: takes a string or bytes, got ${show(data)} (use writeChunk for values)`);
      send(bytes);
    },
    writeChunk(value, chunkOptions) {
      open('writeChunk');
      send(chunkBytes(value, encodingOf(chunkOptions?.encoding)));
    },
    writeSSE(data, fields) {
      open('writeSSE');
      send(eventBytes(data, fields ?? {}));
    },
    writeComment(text) {
      open('writeComment');
      if (typeof text !== 'string') throw new TypeError(`writeComment: takes a string, got ${show(text)}`);
      send(encoder.encode(text.split(/\r\n|\r|\n/).map((line) => `:${line}${EOL}`).join('') + EOL));
    },
    close() {
      if (!end('close() was called')) return;
      flush();
      controller.close();
    },
    response,
    get ready() {
      return readyPromise;
    },
    closed,
  };
}

// ---------------------------------------------------------------- generator streams

type Source = AsyncIterator<unknown> | Iterator<unknown>;

function iteratorOf(iterable: unknown, call: string): Source {
  const it = iterable as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown>; [Symbol.iterator]?: () => Iterator<unknown> } | null | undefined;
  if (it != null && typeof it[Symbol.asyncIterator] === 'function') return it[Symbol.asyncIterator]!();
  if (it != null && typeof it !== 'string' && typeof it[Symbol.iterator] === 'function') return it[Symbol.iterator]!();
  throw new TypeError(`${call}: takes an iterable or an async iterable, got ${show(iterable)}`);
}

/**
 * A body pulled from the iterator (at most READ_AHEAD values ahead of the
 * reader); each value becomes bytes through `toBytes`, which throws for a
 * value that cannot be sent — the body then ends in error.
 */
function pulledBody(source: Source, toBytes: (value: unknown) => Uint8Array, signal: AbortSignal, prefix?: Uint8Array): ReadableStream<Uint8Array> {
  let finished = false;
  const stop = () => {
    if (finished) return;
    finished = true;
    Promise.resolve()
      .then(() => source.return?.())
      .catch(() => {});
  };
  let abort: (() => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (prefix) controller.enqueue(prefix);
        abort = () => {
          if (finished) return;
          stop();
          try {
            controller.close();
          } catch {
            // already ended
          }
        };
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      },
      async pull(controller) {
        if (finished) return;
        try {
          // skip values that encode to nothing, so one pull enqueues one chunk
          for (;;) {
            const step = await source.next();
            if (finished) return;
            if (step.done) {
              finished = true;
              signal.removeEventListener('abort', abort!);
              controller.close();
              return;
            }
            const bytes = toBytes(step.value);
            if (bytes.byteLength === 0) continue;
            controller.enqueue(bytes);
            return;
          }
        } catch (error) {
          if (finished) return;
          const fromSource = !(error instanceof TypeError && (error as { fromEncoder?: boolean }).fromEncoder);
          finished = true;
          signal.removeEventListener('abort', abort!);
          if (!fromSource) Promise.resolve(source.return?.()).catch(() => {});
          console.error('stream ended in error:', error);
          controller.error(error);
        }
      },
      cancel() {
        stop();
      },
    },
    new CountQueuingStrategy({ highWaterMark: READ_AHEAD }),
  );
}

function encoderError(error: unknown): never {
  if (error instanceof TypeError) Object.assign(error, { fromEncoder: true });
  throw error;
}

// ---------------------------------------------------------------- app and ctx

type Handler = (ctx: Ctx) => unknown;

interface SseOptions {
  id?: string;
  event?: string;
  retry?: number;
  headers?: Record<string, string>;
}

interface Ctx {
  req: Request;
  params: Record<string, string>;
  body: unknown;
  json(value: unknown): Response;
  createStream(options?: StreamOptions): Promise<ManualStream>;
  streamResponse(iterable: unknown, options?: StreamOptions): Response;
  chunkedResponse(chunks: unknown, options?: { encoding?: string; headers?: Record<string, string> }): Response;
  sseResponse(iterable: unknown, options?: SseOptions): Response;
}

function makeCtx(req: Request, params: Record<string, string>, body: unknown): Ctx {
  return {
    req,
    params,
    body,
    json: (value) => new Response(jsonOf(value, 'json'), { headers: { 'Content-Type': 'application/json' } }),
    async createStream(options) {
      return manualStream(checkStreamOptions(options), req.signal);
    },
    streamResponse(iterable, options) {
      const o = checkStreamOptions(options);
      const source = iteratorOf(iterable, 'streamResponse');
      const toBytes = (value: unknown) => {
        const bytes = asBytes(value) ?? (typeof value === 'string' ? encoder.encode(value) : undefined);
        if (!bytes) encoderError(new TypeError(`streamResponse: a generator yields strings or bytes, got ${show(value)}`));
        return bytes;
      };
      return new Response(pulledBody(source, toBytes, req.signal), { headers: headersFor(TEXT_PLAIN, o.contentType, o.headers ?? {}) });
    },
    chunkedResponse(chunks, options) {
      const encoding = encodingOf(options?.encoding);
      const headers = checkHeaderRecord(options?.headers, 'options');
      const source = iteratorOf(chunks, 'chunkedResponse');
      const toBytes = (value: unknown) => {
        try {
          return chunkBytes(value, encoding);
        } catch (error) {
          return encoderError(error);
        }
      };
      return new Response(pulledBody(source, toBytes, req.signal), { headers: headersFor(TEXT_PLAIN, undefined, headers) });
    },
    sseResponse(iterable, options) {
      const o = options ?? {};
      const headers = checkHeaderRecord(o.headers, 'options');
      checkFields({ id: o.id, event: o.event, retry: o.retry });
      const source = iteratorOf(iterable, 'sseResponse');
      const head = '\uFEFF' + (o.retry !== undefined || o.id !== undefined ? fieldsText({ retry: o.retry, id: o.id }) + EOL : '');
      const toBytes = (value: unknown) => {
        try {
          return eventBytes(value, { event: o.event });
        } catch (error) {
          return encoderError(error);
        }
      };
      const defaults = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store, no-cache, max-age=0', 'X-Accel-Buffering': 'no' };
      return new Response(pulledBody(source, toBytes, req.signal, encoder.encode(head)), { headers: headersFor(defaults, undefined, headers) });
    },
  };
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

async function parseBody(request: Request): Promise<{ body: unknown } | undefined> {
  if (request.body === null) return { body: undefined };
  const essence = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength === 0) return { body: undefined };
  if (essence === 'application/json' || /^[^/]+\/[^;]*\+json$/.test(essence)) {
    try {
      return { body: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
    } catch {
      return undefined;
    }
  }
  if (essence.startsWith('text/')) return { body: new TextDecoder().decode(bytes) };
  return { body: bytes };
}

export interface GuideApp {
  get(path: string, handler: Handler): GuideApp;
  post(path: string, handler: Handler): GuideApp;
  put(path: string, handler: Handler): GuideApp;
  patch(path: string, handler: Handler): GuideApp;
  delete(path: string, handler: Handler): GuideApp;
  handler(request: Request): Promise<Response>;
}

export function createApp(): GuideApp {
  const routes: Route[] = [];
  const add = (method: string) => (path: string, handler: Handler) => {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          names.push(part.slice(1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return app;
  };
  const app: GuideApp = {
    get: add('GET'),
    post: add('POST'),
    put: add('PUT'),
    patch: add('PATCH'),
    delete: add('DELETE'),
    async handler(request) {
      const { pathname } = new URL(request.url);
      for (const route of routes) {
        if (route.method !== request.method) continue;
        const match = route.pattern.exec(pathname);
        if (!match) continue;
        const params: Record<string, string> = {};
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
        const parsed = await parseBody(request);
        if (!parsed) return new Response('request body is not valid JSON\n', { status: 400, headers: TEXT_PLAIN });
        try {
          const result = await route.handler(makeCtx(request, params, parsed.body));
          if (result instanceof Response) return result;
          return new Response('handler returned no Response\n', { status: 500, headers: TEXT_PLAIN });
        } catch (error) {
          console.error(error);
          return new Response('internal error\n', { status: 500, headers: TEXT_PLAIN });
        }
      }
      return new Response('not found\n', { status: 404, headers: TEXT_PLAIN });
    },
  };
  return app;
}

// ---------------------------------------------------------------- HTTP/1.1

/** Serves the app over HTTP/1.1; the head goes out with the first body bytes. */
async function listen(app: GuideApp): Promise<ListeningServer> {
  const server = http.createServer((req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('the client went away'));
    });
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      signal: controller.signal,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
    } as RequestInit);
    void (async () => {
      let response: Response;
      try {
        response = await app.handler(request);
      } catch (error) {
        console.error(error);
        res.writeHead(500).end();
        return;
      }
      res.statusCode = response.status;
      for (const [name, value] of response.headers) if (!HOP_BY_HOP.has(name)) res.appendHeader(name, value);
      if (!response.body) return void res.end();
      const reader = response.body.getReader();
      res.on('close', () => {
        if (!res.writableFinished) reader.cancel().catch(() => {});
      });
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (value.byteLength === 0) continue; // a zero-length chunk would be the last chunk
          if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end();
      } catch {
        res.destroy(); // no last chunk: the client sees the body was cut short
      }
    })();
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

export default defineAdapter<GuideApp>({
  name: 'from-the-guide (web streams, from scratch)',
  createApp,
  handle: (app, request) => app.handler(request),
  listen,
});
