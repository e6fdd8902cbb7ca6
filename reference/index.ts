/**
 * The reference implementation of the streaming-response API of the guide
 * (`/work/shared/seed/streaming-guide.md`; normative decisions: DESIGN §3,
 * stated in `docs/spec.md`).
 *
 * Everything here is web-standard (runs on Node, Bun, Deno) except `serve`
 * and `serveHttp2`, the Node bridges.
 */
export { createApp } from './app.js';
export type { App, AppOptions, ErrorPhase, Handler } from './app.js';
export type { Context } from './context.js';
export { ManualStream } from './manual-stream.js';
export type { WriteChunkOptions } from './manual-stream.js';
export { DEFAULT_BUFFER_SIZE } from './options.js';
export type { ChunkEncoding, ChunkOptions, ServerSentEventOptions, SseFields, StreamingOptions } from './options.js';
export { sseEvent, ServerSentEvent } from './sse.js';
export type { ServerSentEventInit } from './sse.js';
export type { StreamSource } from './pull-stream.js';
export { HOP_BY_HOP_HEADERS, SSE_HEADERS, DEFAULT_CONTENT_TYPE } from './headers.js';
export { ChunkDecoderStream, decodeChunks, decodeNdjson, NdjsonDecoderStream } from './decoders.js';
export type { FramedChunkEncoding } from './decoders.js';
export {
  DecodeError,
  InvalidChunkError,
  InvalidHeaderError,
  InvalidOptionError,
  InvalidSseFieldError,
  NotIterableError,
  StreamClosedError,
  StreamingTypeError,
  UnknownEncodingError,
  UnserializableValueError,
} from './errors.js';
export type { DecodeErrorCode, StreamingTypeErrorCode, StreamState } from './errors.js';
export { MalformedBodyError } from './request-body.js';
export { serve, serveHttp2 } from './node/serve.js';
export type { FetchHandlerHost, ServeOptions, RunningServer } from './node/serve.js';
