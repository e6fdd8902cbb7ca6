/**
 * A realistic implementation of the guide's streaming API written by an
 * outside framework author on Hono (`hono` + `hono/streaming`), served with
 * `@hono/node-server` — the way a Hono user would build it: routes go
 * through a Hono app, manual streams and generator streams are Hono's
 * `stream` / `streamText` / `streamSSE` helpers, and every event is framed by
 * Hono's own SSE encoder (`SSEStreamingApi.writeSSE`). What the spec asks of
 * the API's arguments (TypeErrors at the call, writes after close throw) the
 * author adds in front of Hono; what Hono decides (its headers, how a
 * streaming callback that throws ends, its event framing) is left as Hono
 * does it. The optional capabilities (`ready`, `closed`, `writeComment`)
 * have no Hono counterpart and are left out. Written from the guide and
 * docs/spec.md only, without the project's reference implementation.
 *
 * Its true defects are listed in {@link rootCauses}; the suite must fail
 * those requirements and no other.
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type Context as HonoContext } from 'hono';
import { stream as honoStream, streamSSE, streamText, SSEStreamingApi } from 'hono/streaming';
import type { SSEMessage } from 'hono/streaming';
import { defineAdapter, type ListeningServer } from '../../conformance/adapter/contract.ts';

/**
 * The requirements this implementation truly breaks, by requirement, and why
 * (each one a rule of docs/spec.md the implementation breaks as written).
 */
export const rootCauses: Record<string, string> = {
  'HDR-009':
    '(SHOULD) options.headers go to Hono as given, a Content-Length included, and Hono sends it.',
  'STREAM-007':
    '(SHOULD) header values are not checked at createStream: one with CR LF inside is accepted (Hono sets headers later, when the response is built).',
  'HDR-006':
    "Hono's streamSSE and streamText set `Transfer-Encoding: chunked` (and streamSSE `Connection: keep-alive`) on the Response; spec §2.9 / RFC 9113 §8.2.2 forbid an implementation to set hop-by-hop fields.",
  'GEN-006':
    "Hono's stream()/streamSSE() catch what the callback throws (console.error) and close the stream normally: a generator that throws ends the body cleanly (spec §2.13 asks for an error end).",
  'GEN-007':
    'same Hono limitation: a value streamResponse cannot send ends the callback with a TypeError, which Hono turns into a clean end instead of an error end.',
  'SSE-003': 'Hono\'s streamSSE sends no `X-Accel-Buffering: no` and the author added none (SHOULD, spec §2.5).',
  'WIRE-011':
    "the same Transfer-Encoding field over HTTP/2: @hono/node-server hands it to Node's http2 compatibility layer, which throws (\"HTTP/1 Connection specific headers are forbidden\"): no stream response reaches an HTTP/2 client at all.",
  'CLOSE-009':
    "that throw surfaces as an unhandled rejection inside @hono/node-server's listener, once per HTTP/2 stream request (spec §2.10: no unhandled rejection, ever).",
  'SSE-013':
    "the author copied Hono's own field check (CR/LF in event/id) and forgot NUL: an id with NUL is sent, and a WHATWG client ignores that id field (SSE-013).",
};

type Handler = (ctx: Ctx) => unknown;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface StreamOptions {
  contentType?: string;
  headers?: Record<string, string>;
  bufferSize?: number;
  flushInterval?: number;
}

interface SseOptions {
  id?: string;
  event?: string;
  retry?: number;
  headers?: Record<string, string>;
}

type Encoding = 'utf-8' | 'base64' | 'hex';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'proxy-authenticate', 'proxy-authorization']);

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function checkHeaders(headers: unknown, where: string): Record<string, string> {
  if (headers === undefined) return {};
  if (headers === null || typeof headers !== 'object') throw new TypeError(`${where}.headers must be an object of strings, got ${show(headers)}`);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new TypeError(`${where}.headers[${show(name)}] must be a string, got ${show(value)}`);
    if (HOP_BY_HOP.has(name.toLowerCase())) throw new TypeError(`${where}.headers: ${show(name)} is a hop-by-hop field and belongs to the server (RFC 9110 §7.6.1)`);
    out[name] = value;
  }
  return out;
}

function checkStreamOptions(options: unknown): StreamOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object, got ${show(options)}`);
  const o = options as StreamOptions;
  if (o.contentType !== undefined && typeof o.contentType !== 'string') throw new TypeError(`options.contentType must be a string, got ${show(o.contentType)}`);
  if (o.bufferSize !== undefined && !(Number.isInteger(o.bufferSize) && o.bufferSize > 0)) throw new TypeError(`options.bufferSize must be a positive integer, got ${show(o.bufferSize)}`);
  if (o.flushInterval !== undefined && !(typeof o.flushInterval === 'number' && Number.isFinite(o.flushInterval) && o.flushInterval >= 0))
    throw new TypeError(`options.flushInterval must be a non-negative finite number, got ${show(o.flushInterval)}`);
  return { ...o, headers: checkHeaders(o.headers, 'options') };
}

function checkEncoding(encoding: unknown): Encoding {
  if (encoding === undefined) return 'utf-8';
  if (encoding === 'utf-8' || encoding === 'base64' || encoding === 'hex') return encoding;
  throw new TypeError(`encoding must be "utf-8", "base64" or "hex", got ${show(encoding)}`);
}

function toJson(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${what} cannot be sent as JSON: ${show(value)}`);
  return json;
}

function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

/** A chunk as the body carries it (spec §2.8). */
function encodeChunk(value: unknown, encoding: Encoding): string | Uint8Array {
  const bytes = bytesOf(value);
  if (encoding === 'utf-8') {
    if (typeof value === 'string' || bytes) return bytes ?? (value as string);
    return `${toJson(value, 'chunk')}\n`;
  }
  const raw = bytes ?? Buffer.from(typeof value === 'string' ? value : toJson(value, 'chunk'), 'utf8');
  return `${Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString(encoding)}\n`;
}

/** The SSE message Hono's encoder frames, checked first (Hono throws an Error later, asynchronously). */
function sseMessage(data: unknown, options: { id?: unknown; event?: unknown; retry?: unknown } | undefined): SSEMessage {
  const text = typeof data === 'string' ? data : toJson(data, 'data');
  const { id, event, retry } = options ?? {};
  for (const [key, value] of [['event', event], ['id', id]] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`${key} must be a string, got ${show(value)}`);
    if (/[\r\n]/.test(value)) throw new TypeError(`${key} must not contain "\\r" or "\\n", got ${show(value)}`);
  }
  if (retry !== undefined && !(typeof retry === 'number' && Number.isSafeInteger(retry) && retry >= 0))
    throw new TypeError(`retry must be a non-negative integer, got ${show(retry)}`);
  const message: SSEMessage = { data: text };
  if (event !== undefined) message.event = event as string;
  if (id !== undefined) message.id = id as string;
  if (retry !== undefined) message.retry = retry as number;
  return message;
}

type AnyIterator = Iterator<unknown> | AsyncIterator<unknown>;

function iteratorOf(iterable: unknown, what: string): AnyIterator {
  const source = iterable as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown>; [Symbol.iterator]?: () => Iterator<unknown> } | null | undefined;
  if (source && typeof source[Symbol.asyncIterator] === 'function') return source[Symbol.asyncIterator]!();
  if (source && typeof source[Symbol.iterator] === 'function' && typeof iterable !== 'string') return source[Symbol.iterator]!();
  throw new TypeError(`${what} must be an iterable or an async iterable, got ${show(iterable)}`);
}

/** Pulls the iterator inside a Hono streaming callback; stops and returns it when the client goes away. */
async function pump(api: HonoApi, iterator: AnyIterator, send: (value: unknown) => Promise<unknown>) {
  let returned = false;
  const stop = () => {
    if (returned) return;
    returned = true;
    try {
      Promise.resolve(iterator.return?.()).catch(() => {});
    } catch {
      // a running sync generator cannot be returned; the loop stops at its next step
    }
  };
  api.onAbort(stop);
  while (!api.aborted) {
    const step = await iterator.next();
    if (step.done) return;
    if (api.aborted) break;
    await send(step.value);
  }
  stop();
}

function applyHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function isEventStream(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';')[0]!.trim().toLowerCase() === 'text/event-stream';
}

interface ManualStream {
  write(data: string | Uint8Array): Promise<void>;
  writeChunk(value: unknown, options?: { encoding?: string }): Promise<void>;
  writeSSE(data: unknown, options?: { id?: string; event?: string; retry?: number }): Promise<void>;
  close(): void;
  readonly response: Response;
}

type HonoApi = Parameters<Parameters<typeof honoStream>[1]>[0];

function manualStream(c: HonoContext, options: StreamOptions): Promise<ManualStream> {
  return new Promise((resolve) => {
    let ended = false;
    let tail: Promise<unknown> = Promise.resolve();
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    let response: Response | undefined;
    const enqueue = (op: (api: HonoApi) => Promise<unknown>): Promise<void> => {
      const api = current;
      tail = tail.then(() => op(api)).catch(() => {});
      return tail.then(() => undefined);
    };
    const open = () => {
      if (ended) throw new Error('stream is closed: write after close() or after the client went away');
    };
    let current!: HonoApi;
    const self: ManualStream = {
      write(data) {
        open();
        const bytes = bytesOf(data);
        if (typeof data !== 'string' && !bytes) throw new TypeError(`write() takes a string or bytes, got ${show(data)}; use writeChunk() for values`);
        const payload = bytes ?? (data as string);
        return enqueue((api) => api.write(payload));
      },
      writeChunk(value, chunkOptions) {
        open();
        const payload = encodeChunk(value, checkEncoding(chunkOptions?.encoding));
        return enqueue((api) => api.write(payload));
      },
      writeSSE(data, sseOptions) {
        open();
        const message = sseMessage(data, sseOptions);
        return enqueue((api) => SSEStreamingApi.prototype.writeSSE.call(api, message));
      },
      close() {
        if (ended) return;
        ended = true;
        void enqueue(async () => done());
      },
      get response() {
        return response!;
      },
    };
    const callback = async (api: HonoApi) => {
      current = api;
      api.onAbort(() => {
        ended = true;
        done();
      });
      c.req.raw.signal.addEventListener('abort', () => api.abort(), { once: true });
      resolve(self);
      await finished;
    };
    const contentType = options.contentType;
    let res: Response;
    if (isEventStream(contentType)) res = streamSSE(c, callback);
    else if (contentType === undefined) res = streamText(c, callback);
    else {
      c.header('Content-Type', contentType);
      res = honoStream(c, callback);
    }
    if (contentType !== undefined) res.headers.set('Content-Type', contentType);
    response = applyHeaders(res, options.headers ?? {});
  });
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

function makeCtx(c: HonoContext, body: unknown): Ctx {
  const abortWith = (api: { abort(): void }) => c.req.raw.signal.addEventListener('abort', () => api.abort(), { once: true });
  return {
    req: c.req.raw,
    params: c.req.param() as Record<string, string>,
    body,
    json: (value) => c.json(value as object),
    createStream: async (options) => manualStream(c, checkStreamOptions(options)),
    streamResponse(iterable, options) {
      const o = checkStreamOptions(options);
      const iterator = iteratorOf(iterable, 'streamResponse(iterable)');
      const callback = async (api: HonoApi) => {
        abortWith(api);
        await pump(api, iterator, (value) => {
          const bytes = bytesOf(value);
          if (typeof value !== 'string' && !bytes) throw new TypeError(`streamResponse yields strings or bytes, got ${show(value)}`);
          return api.write(bytes ?? (value as string));
        });
      };
      let res: Response;
      if (o.contentType === undefined) res = streamText(c, callback);
      else {
        c.header('Content-Type', o.contentType);
        res = honoStream(c, callback);
      }
      return applyHeaders(res, o.headers ?? {});
    },
    chunkedResponse(chunks, options) {
      const encoding = checkEncoding(options?.encoding);
      const headers = checkHeaders(options?.headers, 'options');
      const iterator = iteratorOf(chunks, 'chunkedResponse(chunks)');
      const res = streamText(c, async (api) => {
        abortWith(api);
        await pump(api, iterator, (value) => api.write(encodeChunk(value, encoding)));
      });
      return applyHeaders(res, headers);
    },
    sseResponse(iterable, options) {
      const o = options ?? {};
      const headers = checkHeaders(o.headers, 'options');
      // checked here, at the call: Hono would only throw inside the callback
      const first = sseMessage('', { id: o.id, event: o.event, retry: o.retry });
      const iterator = iteratorOf(iterable, 'sseResponse(iterable)');
      const res = streamSSE(c, async (api) => {
        abortWith(api);
        let isFirst = true;
        await pump(api, iterator, (value) => {
          const message = sseMessage(value, { event: o.event });
          // retry and the initial id go with the first event (Hono's writeSSE always writes data)
          if (isFirst) {
            if (first.retry !== undefined) message.retry = first.retry;
            if (first.id !== undefined) message.id = first.id;
            isFirst = false;
          }
          return api.writeSSE(message);
        });
      });
      return applyHeaders(res, headers);
    },
  };
}

async function readBody(request: Request): Promise<{ ok: true; body: unknown } | { ok: false }> {
  if (request.body === null) return { ok: true, body: undefined };
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = await request.text();
    if (text === '') return { ok: true, body: undefined };
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch {
      return { ok: false };
    }
  }
  if (type.startsWith('text/')) return { ok: true, body: await request.text() };
  const bytes = new Uint8Array(await request.arrayBuffer());
  return { ok: true, body: bytes.byteLength === 0 ? undefined : bytes };
}

export interface HonoStreamingApp {
  hono: Hono;
  get(path: string, handler: Handler): HonoStreamingApp;
  post(path: string, handler: Handler): HonoStreamingApp;
  put(path: string, handler: Handler): HonoStreamingApp;
  patch(path: string, handler: Handler): HonoStreamingApp;
  delete(path: string, handler: Handler): HonoStreamingApp;
  handler(request: Request): Promise<Response>;
}

export function createApp(): HonoStreamingApp {
  const hono = new Hono();
  const route = (method: Method) => (path: string, handler: Handler) => {
    hono[method](path, async (c) => {
      const parsed = await readBody(c.req.raw);
      if (!parsed.ok) return c.text('request body is not valid JSON', 400);
      return (await handler(makeCtx(c, parsed.body))) as Response;
    });
    return app;
  };
  const app: HonoStreamingApp = {
    hono,
    get: route('get'),
    post: route('post'),
    put: route('put'),
    patch: route('patch'),
    delete: route('delete'),
    handler: async (request) => hono.fetch(request),
  };
  return app;
}

function serveWith(app: HonoStreamingApp, createServer?: typeof http2.createServer): Promise<ListeningServer> {
  const server = createAdaptorServer({
    fetch: app.hono.fetch,
    overrideGlobalObjects: false,
    ...(createServer ? { createServer } : {}),
  });
  const sockets = new Set<{ destroy(): void }>();
  server.on('connection', (socket: { destroy(): void; once(event: 'close', listener: () => void): void }) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

export default defineAdapter<HonoStreamingApp>({
  name: 'hono-streaming (hono 4 + @hono/node-server)',
  createApp,
  handle: (app, request) => app.handler(request),
  listen: (app) => serveWith(app),
  listenHttp2: (app) => serveWith(app, http2.createServer),
});
