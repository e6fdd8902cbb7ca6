/**
 * Error classes of the reference implementation. Every error has a stable
 * `code`; messages name the field, show the value escaped (CR as `\r`, LF as
 * `\n`) and state the rule.
 */
import { describeValue } from './describe-value.ts';

/** Codes of {@link StreamingTypeError} and its subclasses. */
export type StreamingTypeErrorCode =
  | 'INVALID_OPTION'
  | 'UNKNOWN_ENCODING'
  | 'INVALID_HEADER'
  | 'INVALID_SSE_FIELD'
  | 'UNSERIALIZABLE_VALUE'
  | 'INVALID_CHUNK'
  | 'NOT_ITERABLE';

/**
 * A value passed to the API breaks a rule. Thrown synchronously at the call;
 * nothing is written for that call.
 */
export class StreamingTypeError extends TypeError {
  override name = 'StreamingTypeError';
  readonly code: StreamingTypeErrorCode;
  /** The field at fault, e.g. `options.bufferSize`. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** The rule, e.g. `must be a positive safe integer`. */
  readonly rule: string;
  constructor(
    code: StreamingTypeErrorCode,
    /** The field at fault, e.g. `options.bufferSize`. */
    field: string,
    /** The offending value. */
    value: unknown,
    /** The rule, e.g. `must be a positive safe integer`. */
    rule: string,
  ) {
    super(`${field} ${rule}; got ${describeValue(value)}`);
    this.code = code;
    this.field = field;
    this.value = value;
    this.rule = rule;
  }
}

/** An option has the wrong type or is out of range (code `INVALID_OPTION`). */
export class InvalidOptionError extends StreamingTypeError {
  override name = 'InvalidOptionError';
  constructor(field: string, value: unknown, rule: string) {
    super('INVALID_OPTION', field, value, rule);
  }
}

/** An encoding other than `utf-8`, `base64`, `hex` (code `UNKNOWN_ENCODING`). */
export class UnknownEncodingError extends StreamingTypeError {
  override name = 'UnknownEncodingError';
  constructor(field: string, value: unknown, rule = "must be one of 'utf-8', 'base64', 'hex' (RFC 4648 §4, §8)") {
    super('UNKNOWN_ENCODING', field, value, rule);
  }
}

/**
 * A header the caller passed may not be set: not a string, not a valid
 * field value, a hop-by-hop header (RFC 9110 §7.6.1) or `Content-Length` on a
 * stream (code `INVALID_HEADER`).
 */
export class InvalidHeaderError extends StreamingTypeError {
  override name = 'InvalidHeaderError';
  constructor(field: string, value: unknown, rule: string) {
    super('INVALID_HEADER', field, value, rule);
  }
}

/**
 * An SSE `event`, `id` or `retry` would break the event stream format
 * (WHATWG HTML §9.2.5): a line break in `event`/`id`, NUL in `id`, a `retry`
 * that is not a non-negative safe integer (code `INVALID_SSE_FIELD`).
 */
export class InvalidSseFieldError extends StreamingTypeError {
  override name = 'InvalidSseFieldError';
  constructor(field: string, value: unknown, rule: string) {
    super('INVALID_SSE_FIELD', field, value, rule);
  }
}

/** `JSON.stringify` cannot carry the value (code `UNSERIALIZABLE_VALUE`). */
export class UnserializableValueError extends StreamingTypeError {
  override name = 'UnserializableValueError';
  constructor(field: string, value: unknown, reason: string) {
    super('UNSERIALIZABLE_VALUE', field, value, `must be a string or a JSON-serializable value (${reason})`);
  }
}

/** A generator or `write` gave something other than a string or bytes (code `INVALID_CHUNK`). */
export class InvalidChunkError extends StreamingTypeError {
  override name = 'InvalidChunkError';
  constructor(field: string, value: unknown, rule: string) {
    super('INVALID_CHUNK', field, value, rule);
  }
}

/** The source of a generator response is not iterable (code `NOT_ITERABLE`). */
export class NotIterableError extends StreamingTypeError {
  override name = 'NotIterableError';
  constructor(field: string, value: unknown, rule: string) {
    super('NOT_ITERABLE', field, value, rule);
  }
}

/** States a {@link ManualStream} can be in. */
export type StreamState = 'open' | 'closed' | 'aborted' | 'errored';

/**
 * A write on a stream that has ended: after `close()`, `error()`, or after the
 * client went away (code `STREAM_CLOSED`). Nothing was sent.
 */
export class StreamClosedError extends Error {
  override name = 'StreamClosedError';
  readonly code = 'STREAM_CLOSED';
  /** The stream's state when the write was attempted. */
  readonly state: Exclude<StreamState, 'open'>;
  /** The method that was called, e.g. `writeSSE`. */
  readonly method: string;
  constructor(
    /** The stream's state when the write was attempted. */
    state: Exclude<StreamState, 'open'>,
    /** The method that was called, e.g. `writeSSE`. */
    method: string,
  ) {
    super(`${method}() on a stream that is ${state === 'aborted' ? 'aborted (the client went away)' : state}; nothing was sent`);
    this.state = state;
    this.method = method;
  }
}

/** Codes of {@link DecodeError}. */
export type DecodeErrorCode = 'MALFORMED_BASE64' | 'MALFORMED_HEX' | 'MALFORMED_NDJSON' | 'MALFORMED_UTF8' | 'TRUNCATED';

/** A client-side decoder met input an encoder of this package cannot have produced. */
export class DecodeError extends Error {
  override name = 'DecodeError';
  readonly code: DecodeErrorCode;
  /** 1-based line (chunk) number where the problem is. */
  readonly line: number;
  constructor(
    code: DecodeErrorCode,
    /** 1-based line (chunk) number where the problem is. */
    line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.code = code;
    this.line = line;
  }
}
