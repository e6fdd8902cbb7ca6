/**
 * The reference implementation of the streaming-response API of the guide
 * ("Streaming Responses"; where it is vague or wrong, the decisions of spec §2,
 * stated in `docs/spec.md`).
 *
 * Everything here is web-standard (runs on Node, Bun, Deno) except `serve`
 * and `serveHttp2`, the Node bridges.
 */
export { createApp } from './app.ts';
export type { App, AppOptions, ErrorPhase, Handler } from './app.ts';
export type { Context } from './context.ts';
export { ManualStream } from './manual-stream.ts';
export type { WriteChunkOptions } from './manual-stream.ts';
export { DEFAULT_BUFFER_SIZE } from './options.ts';
export type { ChunkEncoding, ChunkOptions, ServerSentEventOptions, SseFields, StreamingOptions } from './options.ts';
export { sseEvent, ServerSentEvent } from './sse.ts';
export type { ServerSentEventInit } from './sse.ts';
export type { StreamSource } from './pull-stream.ts';
export { HOP_BY_HOP_HEADERS, SSE_HEADERS, DEFAULT_CONTENT_TYPE } from './headers.ts';
export { ChunkDecoderStream, decodeChunks, decodeNdjson, NdjsonDecoderStream } from './decoders.ts';
export type { FramedChunkEncoding } from './decoders.ts';
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
} from './errors.ts';
export type { DecodeErrorCode, StreamingTypeErrorCode, StreamState } from './errors.ts';
export { MalformedBodyError } from './request-body.ts';
export { serve, serveHttp2 } from './node/serve.ts';
export type { FetchHandlerHost, ServeOptions, RunningServer } from './node/serve.ts';
