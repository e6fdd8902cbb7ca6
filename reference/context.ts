/** The `ctx` a handler receives (guide: every example). */
import { InvalidOptionError } from './errors.ts';
import { buildStreamHeaders, DEFAULT_CONTENT_TYPE, SSE_HEADERS } from './headers.ts';
import { jsonText } from './json-text.ts';
import { ManualStream } from './manual-stream.ts';
import type { ChunkOptions, ServerSentEventOptions, StreamingOptions } from './options.ts';
import { resolveStreamingOptions } from './options.ts';
import type { StreamSource } from './pull-stream.ts';
import { createChunkedResponse, createSseResponse, createStreamResponse, type ResponseEnvironment } from './responses.ts';
import { utf8 } from './utf8.ts';

/** What a handler gets. */
export interface Context {
  /** The request; its `signal` aborts when the client goes away. */
  readonly req: Request;
  /** Route params (`/chat/:room` → `{ room }`), URL-decoded. */
  readonly params: Record<string, string>;
  /** The query string. */
  readonly query: URLSearchParams;
  /** The parsed body: JSON value, string for `text/*`, `Uint8Array` for others, `undefined` for none. */
  readonly body: unknown;
  /** A JSON response (`Content-Type: application/json`, with `Content-Length`). */
  json(value: unknown, init?: ResponseInit): Response;
  /** A stream written by hand (guide: "Manual Streaming"). Options are validated at the call. */
  createStream(options?: StreamingOptions): Promise<ManualStream>;
  /** A body pulled from an iterable of strings/bytes (guide: "Async Generator Streaming"). */
  streamResponse(iterable: StreamSource<string | Uint8Array>, options?: StreamingOptions): Response;
  /** A body of encoded chunks (guide: "Chunked Transfer Encoding"). */
  chunkedResponse(chunks: StreamSource<unknown>, options?: ChunkOptions): Response;
  /** An event stream, one event per value (guide: "Server-Sent Events"). */
  sseResponse(iterable: StreamSource<unknown>, options?: ServerSentEventOptions): Response;
}

/** Everything a context is made of. */
export interface ContextInit {
  request: Request;
  params: Record<string, string>;
  /** The query string (`?…` or empty); `ctx.query` parses it when first read. */
  search: string;
  body: unknown;
  /**
   * The request's signal and where its bodies' errors go. Streaming bodies
   * keep this object while they stream, not the context: keep it small.
   */
  env: ResponseEnvironment;
}

/** Builds the `ctx` of one request. */
export function createContext(init: ContextInit): Context {
  const { request, params, search, body, env } = init;
  let query: URLSearchParams | undefined;
  return {
    req: request,
    params,
    get query() {
      return (query ??= new URLSearchParams(search));
    },
    body,
    // Methods, not arrows: tsx/esbuild (keepNames) would name every arrow with a `defineProperty` per request.
    json: jsonResponse,
    async createStream(options) {
      const resolved = resolveStreamingOptions(options);
      const isEventStream = resolved.contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'text/event-stream';
      const defaults = isEventStream ? SSE_HEADERS : { 'Content-Type': DEFAULT_CONTENT_TYPE };
      return new ManualStream(resolved, buildStreamHeaders(defaults, resolved.contentType, resolved.headers), env.signal);
    },
    streamResponse(iterable, options) {
      return createStreamResponse(env, iterable, options);
    },
    chunkedResponse(chunks, options) {
      return createChunkedResponse(env, chunks, options);
    },
    sseResponse(iterable, options) {
      return createSseResponse(env, iterable, options);
    },
  };
}

/** A JSON response with `Content-Type: application/json` (unless `init.headers` set one) and `Content-Length`. */
export function jsonResponse(value: unknown, init?: ResponseInit): Response {
  if (init !== undefined && (typeof init !== 'object' || init === null)) {
    throw new InvalidOptionError('init', init, 'must be a ResponseInit object or undefined');
  }
  const bytes = utf8(jsonText('value', value));
  const headers = new Headers(init?.headers);
  if (!headers.has('content-type')) headers.set('Content-Type', 'application/json');
  headers.set('Content-Length', String(bytes.byteLength));
  return new Response(bytes, { ...init, headers });
}
