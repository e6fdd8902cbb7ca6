/**
 * The generator-driven responses: `streamResponse`, `chunkedResponse`,
 * `sseResponse`. Each validates its options at the call, then returns a
 * `Response` whose body pulls the iterable (see {@link pullStream}).
 */
import { encodeChunk } from './chunk.ts';
import { typeName } from './describe-value.ts';
import { InvalidChunkError } from './errors.ts';
import { buildStreamHeaders, DEFAULT_CONTENT_TYPE, SSE_HEADERS } from './headers.ts';
import { requireHeadersRecord, requireOptionsObject, resolveChunkOptions, resolveStreamingOptions, type ChunkEncoding, type SseFields } from './options.ts';
import { iteratorOf, pullStream, type BodyChunk, type ChunkEncoder, type StreamErrorSink, type StreamSource } from './pull-stream.ts';
import { encodePlainSseEvent, encodeSseData, encodeSseEvent, encodeSseFields, resolveSseFields, ServerSentEvent } from './sse.ts';

/** What a generator response needs from the request: its signal and where errors go. */
export interface ResponseEnvironment extends StreamErrorSink {
  /** The request's signal: aborted when the client went away. */
  readonly signal: AbortSignal;
  /** Reports an error of the body (phase `stream`). */
  reportError(error: unknown): void;
}

const DEFAULT_HEADERS = { 'Content-Type': DEFAULT_CONTENT_TYPE };

/** `streamResponse` values: strings as UTF-8 (encoded as they are written), bytes as is; anything else errors the body. */
const STREAM_ENCODER: ChunkEncoder<unknown> = {
  toChunk(value) {
    if (typeof value === 'string' || value instanceof Uint8Array) return value;
    throw new InvalidChunkError('yielded value', value, `must be a string or a Uint8Array, not a ${typeName(value)}`);
  },
};

/** `chunkedResponse` values: one encoded chunk each (see {@link encodeChunk}); one shared encoder per encoding. */
const CHUNK_ENCODERS: Record<ChunkEncoding, ChunkEncoder<unknown>> = {
  'utf-8': { toChunk: (value) => encodeChunk('chunk', value, 'utf-8') },
  base64: { toChunk: (value) => encodeChunk('chunk', value, 'base64') },
  hex: { toChunk: (value) => encodeChunk('chunk', value, 'hex') },
};

/**
 * `sseResponse` values: one event each. Text, encoded to UTF-8 once per
 * event, by the bridge as it writes (or by the web stream).
 */
class SseEncoder implements ChunkEncoder<unknown> {
  /** The response's `event` field (absent: the shared encoder {@link SSE_ENCODER}). */
  readonly #fields: SseFields;
  /** Every event begins with a field name and ends with LF. */
  readonly framedText = true;

  constructor(fields: SseFields) {
    this.#fields = fields;
  }

  toChunk(value: unknown): BodyChunk {
    if (value instanceof ServerSentEvent) return encodeSseEvent(value.dataLines, { ...this.#fields, ...value.fields });
    if (this.#fields.event === undefined) return encodePlainSseEvent('yielded value', value);
    return encodeSseEvent(encodeSseData('yielded value', value), this.#fields);
  }
}

const SSE_ENCODER = new SseEncoder(Object.freeze({}));

/** Body of `ctx.streamResponse`: strings as UTF-8, bytes as is; any other value errors the body. */
export function createStreamResponse(env: ResponseEnvironment, source: StreamSource<string | Uint8Array>, options: unknown): Response {
  const resolved = resolveStreamingOptions(options);
  const headers = buildStreamHeaders(DEFAULT_HEADERS, resolved.contentType, resolved.headers);
  const iterator = iteratorOf('iterable', source);
  const body = pullStream<unknown>(iterator, { signal: env.signal, errors: env, encoder: STREAM_ENCODER });
  return new Response(body, { status: 200, headers });
}

/** Body of `ctx.chunkedResponse`: each value encoded as one chunk (see {@link encodeChunk}). */
export function createChunkedResponse(env: ResponseEnvironment, chunks: StreamSource<unknown>, options: unknown): Response {
  const { encoding, headers: extra } = resolveChunkOptions(options);
  const headers = buildStreamHeaders(DEFAULT_HEADERS, undefined, extra);
  const iterator = iteratorOf('chunks', chunks);
  const body = pullStream<unknown>(iterator, { signal: env.signal, errors: env, encoder: CHUNK_ENCODERS[encoding] });
  return new Response(body, { status: 200, headers });
}

/**
 * Body of `ctx.sseResponse`: every value is one event (WHATWG HTML §9.2.5).
 * `retry` and `id` are sent once, first, in their own block; `event` applies
 * to every event unless a yielded {@link ServerSentEvent} sets its own.
 */
export function createSseResponse(env: ResponseEnvironment, events: StreamSource<unknown>, options: unknown): Response {
  const o = requireOptionsObject('options', options);
  const { event, id, retry } = resolveSseFields(o, 'options');
  const headers = buildStreamHeaders(SSE_HEADERS, undefined, requireHeadersRecord(o.headers));
  const iterator = iteratorOf('iterable', events);
  const prelude = id !== undefined || retry !== undefined ? `${encodeSseFields({ id, retry })}\n` : undefined;
  const encoder = event === undefined ? SSE_ENCODER : new SseEncoder({ event });
  const body = pullStream<unknown>(iterator, { signal: env.signal, errors: env, prelude, encoder });
  return new Response(body, { status: 200, headers });
}
