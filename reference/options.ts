/**
 * The option objects of the API and their validation. Every option is checked
 * where it enters, before anything is written.
 */
import { InvalidOptionError, UnknownEncodingError } from './errors.ts';

/** Options of `createStream` and `streamResponse` (guide: "StreamingOptions"). */
export interface StreamingOptions {
  /** Media type; default `text/plain; charset=utf-8`. */
  contentType?: string;
  /** Extra headers; they override the defaults (and `contentType`), case-insensitively. */
  headers?: Record<string, string>;
  /**
   * High-water mark in bytes (default 64 KiB): `ready` pends while at least
   * this many bytes wait for the consumer; with `flushInterval`, the coalescing
   * buffer is flushed when it reaches this size. A positive safe integer.
   */
  bufferSize?: number;
  /**
   * Coalesce writes into one chunk, flushed this many ms after the first
   * buffered byte (or at `bufferSize`, or on `close()`). A finite number ≥ 0.
   * Without it, every write is handed to the body at once.
   */
  flushInterval?: number;
}

/** A chunk encoding (RFC 4648 §4 for base64, §8 for hex). */
export type ChunkEncoding = 'utf-8' | 'base64' | 'hex';

/** Options of `chunkedResponse` (guide: "ChunkOptions"). */
export interface ChunkOptions {
  /** Default `utf-8`. */
  encoding?: ChunkEncoding;
  headers?: Record<string, string>;
}

/** Per-event SSE fields (WHATWG HTML §9.2.6). */
export interface SseFields {
  /** Sets the client's last event ID. No CR, LF or NUL. */
  id?: string;
  /** Event type (`addEventListener(type)`); no CR or LF. */
  event?: string;
  /** Reconnection time in ms; a non-negative safe integer. */
  retry?: number;
}

/** Options of `sseResponse` (guide: "ServerSentEventOptions"). */
export interface ServerSentEventOptions extends SseFields {
  headers?: Record<string, string>;
}

/** The default high-water mark: 64 KiB. */
export const DEFAULT_BUFFER_SIZE = 64 * 1024;

/** Checks that `options` is undefined or a non-null, non-array object. */
export function requireOptionsObject(field: string, options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidOptionError(field, options, 'must be an object or undefined');
  }
  return options as Record<string, unknown>;
}

/** Validated {@link StreamingOptions}, defaults filled in. */
export interface ResolvedStreamingOptions {
  contentType: string | undefined;
  headers: Record<string, string> | undefined;
  bufferSize: number;
  flushInterval: number | undefined;
}

/** Validates {@link StreamingOptions}; throws {@link InvalidOptionError}. */
export function resolveStreamingOptions(options: unknown): ResolvedStreamingOptions {
  const o = requireOptionsObject('options', options);
  const { contentType, bufferSize, flushInterval } = o;
  if (contentType !== undefined && typeof contentType !== 'string') {
    throw new InvalidOptionError('options.contentType', contentType, 'must be a string');
  }
  if (bufferSize !== undefined && !(Number.isSafeInteger(bufferSize) && (bufferSize as number) > 0)) {
    throw new InvalidOptionError('options.bufferSize', bufferSize, 'must be a positive safe integer (bytes)');
  }
  if (flushInterval !== undefined && !(Number.isFinite(flushInterval) && (flushInterval as number) >= 0)) {
    throw new InvalidOptionError('options.flushInterval', flushInterval, 'must be a finite number ≥ 0 (ms)');
  }
  return {
    contentType,
    headers: requireHeadersRecord(o.headers),
    bufferSize: (bufferSize as number | undefined) ?? DEFAULT_BUFFER_SIZE,
    flushInterval: flushInterval as number | undefined,
  };
}

/** Validates {@link ChunkOptions}. */
export function resolveChunkOptions(options: unknown): { encoding: ChunkEncoding; headers: Record<string, string> | undefined } {
  const o = requireOptionsObject('options', options);
  return { encoding: resolveEncoding('options.encoding', o.encoding), headers: requireHeadersRecord(o.headers) };
}

/** Validates an encoding name; `undefined` means `utf-8`. */
export function resolveEncoding(field: string, encoding: unknown): ChunkEncoding {
  if (encoding === undefined) return 'utf-8';
  if (encoding === 'utf-8' || encoding === 'base64' || encoding === 'hex') return encoding;
  throw new UnknownEncodingError(field, encoding);
}

/** Checks that `headers` is undefined or an object (values are checked when headers are built). */
export function requireHeadersRecord(headers: unknown): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new InvalidOptionError('options.headers', headers, 'must be an object of header name → string value');
  }
  return headers as Record<string, string>;
}
