/**
 * A strict parser of an HTTP/1.1 response as it crossed the socket: status
 * line, header fields (order and duplicates kept), and the body framing
 * itself — chunked coding byte by byte (RFC 9112 §7.1), `Content-Length`, or
 * until the connection closes (RFC 9112 §6.3).
 *
 * It is a pure function of the bytes received so far: an incomplete response
 * parses as far as it goes (nothing is an error until a byte is wrong), so a
 * client re-parses after every packet and sees a split `\r\n` as still
 * incomplete, never as malformed.
 */

/** One header (or trailer) field line, as sent. */
export interface HeaderField {
  name: string;
  value: string;
}

/** The response head: status line and header fields. */
export interface Http1Head {
  /** `HTTP/1.1`. */
  httpVersion: string;
  status: number;
  reason: string;
  /** Every field line in order, duplicates kept, names as sent. */
  fields: HeaderField[];
  /** Bytes of the head, the empty line included. */
  length: number;
}

/** How the body's end is delimited (RFC 9112 §6.3). */
export type BodyFraming = 'chunked' | 'content-length' | 'until-close' | 'none';

/** One chunk of the chunked coding (RFC 9112 §7.1), the last chunk excluded. */
export interface FramedChunk {
  /** The size line's value. */
  size: number;
  /** Chunk extensions as sent (`;name=value`), or `''`. */
  extensions: string;
  data: Uint8Array;
  /** Byte offset of the size line in the whole response. */
  offset: number;
}

/** Stable codes of {@link FramingError}. */
export type FramingErrorCode =
  | 'BAD_STATUS_LINE'
  | 'BAD_FIELD_LINE'
  | 'BARE_LF'
  | 'LINE_TOO_LONG'
  | 'BAD_CONTENT_LENGTH'
  | 'BAD_CHUNK_SIZE'
  | 'BAD_CHUNK_END'
  | 'BAD_TRAILER';

/** A byte that breaks HTTP/1.1 framing. */
export interface FramingError {
  code: FramingErrorCode;
  /** Byte offset in the whole response. */
  offset: number;
  /** What was expected and what was found (escaped). */
  message: string;
}

/** What the bytes received so far say. */
export interface ParsedHttp1Response {
  /** Undefined until the whole head arrived. */
  head: Http1Head | undefined;
  framing: BodyFraming | undefined;
  /** Chunked coding: the data chunks, in order. */
  chunks: FramedChunk[];
  /** The de-chunked (or length-delimited) body so far. */
  payload: Uint8Array;
  /** Chunked coding: the last chunk (`0` size line) was seen. */
  lastChunk: boolean;
  /** Chunked coding: trailer fields after the last chunk. */
  trailers: HeaderField[];
  /** The message is complete by its own framing (last chunk and trailer section, or all `Content-Length` bytes). */
  complete: boolean;
  /** The first framing violation; parsing stops there. */
  error: FramingError | undefined;
  /** Bytes received after a complete message. */
  excess: number;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CHUNK_EXT = /^(?:[ \t]*;[ \t]*[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:[ \t]*=[ \t]*(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+|"(?:[^"\\]|\\.)*"))?)*$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3}) ?([^\r\n]*)$/;
/** Longest line (status, field, chunk size) accepted before calling it malformed. */
const MAX_LINE = 16 * 1024;
/** Longest hex size accepted (2^48 bytes is more than any test sends). */
const MAX_SIZE_DIGITS = 12;

/** Parses everything received so far. Never throws. */
export function parseHttp1Response(bytes: Uint8Array): ParsedHttp1Response {
  const text = latin1(bytes);
  const result: ParsedHttp1Response = {
    head: undefined,
    framing: undefined,
    chunks: [],
    payload: new Uint8Array(0),
    lastChunk: false,
    trailers: [],
    complete: false,
    error: undefined,
    excess: 0,
  };
  const head = parseHead(text, result);
  if (head === undefined) return result;
  result.head = head;
  result.framing = framingOf(head, result);
  if (result.error) return result;
  const body = bytes.subarray(head.length);
  switch (result.framing) {
    case 'none':
      result.complete = true;
      result.excess = body.length;
      break;
    case 'until-close':
      result.payload = body;
      break;
    case 'content-length': {
      const length = Number(fieldValues(head.fields, 'content-length')[0]!.trim());
      result.payload = body.subarray(0, length);
      result.complete = body.length >= length;
      result.excess = Math.max(0, body.length - length);
      break;
    }
    case 'chunked':
      parseChunked(bytes, text, head.length, result);
      break;
  }
  return result;
}

/** The values of every field named `name` (case-insensitive), in order. */
export function fieldValues(fields: readonly HeaderField[], name: string): string[] {
  const lower = name.toLowerCase();
  return fields.filter((field) => field.name.toLowerCase() === lower).map((field) => field.value);
}

function parseHead(text: string, result: ParsedHttp1Response): Http1Head | undefined {
  let at = 0;
  const statusLine = readLine(text, at, result);
  if (statusLine === undefined) return undefined;
  const status = STATUS_LINE.exec(statusLine.line);
  if (!status) {
    result.error = { code: 'BAD_STATUS_LINE', offset: 0, message: `status line ${quote(statusLine.line)} is not \`HTTP/x.y NNN reason\`` };
    return undefined;
  }
  at = statusLine.next;
  const fields = readFieldLines(text, at, result, 'BAD_FIELD_LINE');
  if (fields === undefined) return undefined;
  return { httpVersion: status[1]!, status: Number(status[2]), reason: status[3]!, fields: fields.fields, length: fields.next };
}

function framingOf(head: Http1Head, result: ParsedHttp1Response): BodyFraming {
  if ((head.status >= 100 && head.status < 200) || head.status === 204 || head.status === 304) return 'none';
  const codings = fieldValues(head.fields, 'transfer-encoding')
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '');
  if (codings.length > 0) return codings.at(-1) === 'chunked' ? 'chunked' : 'until-close';
  const lengths = fieldValues(head.fields, 'content-length');
  if (lengths.length === 0) return 'until-close';
  const distinct = new Set(lengths.flatMap((value) => value.split(',')).map((value) => value.trim()));
  const [only] = distinct;
  if (distinct.size !== 1 || !/^\d{1,15}$/.test(only!)) {
    result.error = {
      code: 'BAD_CONTENT_LENGTH',
      offset: 0,
      message: `Content-Length ${quote(lengths.join(', '))} is not one decimal number (RFC 9112 §6.3)`,
    };
  }
  return 'content-length';
}

function parseChunked(bytes: Uint8Array, text: string, start: number, result: ParsedHttp1Response): void {
  const parts: Uint8Array[] = [];
  let at = start;
  for (;;) {
    const sizeLine = readLine(text, at, result);
    if (sizeLine === undefined) break;
    const match = /^([0-9A-Fa-f]+)(.*)$/s.exec(sizeLine.line);
    if (!match || match[1]!.length > MAX_SIZE_DIGITS || !CHUNK_EXT.test(match[2]!)) {
      result.error = {
        code: 'BAD_CHUNK_SIZE',
        offset: at,
        message: `chunk size line ${quote(sizeLine.line)} is not \`1*HEXDIG [chunk-ext] CRLF\` (RFC 9112 §7.1)`,
      };
      break;
    }
    const size = Number.parseInt(match[1]!, 16);
    if (size === 0) {
      result.lastChunk = true;
      const trailers = readFieldLines(text, sizeLine.next, result, 'BAD_TRAILER');
      if (trailers === undefined) break;
      result.trailers = trailers.fields;
      result.complete = true;
      result.excess = bytes.length - trailers.next;
      break;
    }
    const dataStart = sizeLine.next;
    if (bytes.length < dataStart + size) {
      parts.push(bytes.subarray(dataStart));
      break;
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    parts.push(data);
    result.chunks.push({ size, extensions: match[2]!, data, offset: at });
    const end = dataStart + size;
    const received = text.slice(end, end + 2);
    if (received !== '\r\n' && received !== '\r') {
      if (received.length === 0) break;
      result.error = {
        code: 'BAD_CHUNK_END',
        offset: end,
        message: `chunk of size ${size} (0x${match[1]}) is followed by ${quote(text.slice(end, end + 8))}, not CRLF (RFC 9112 §7.1)`,
      };
      break;
    }
    if (received.length < 2) break;
    at = end + 2;
  }
  result.payload = concat(parts);
}

/** Field lines up to and including the empty line; undefined while incomplete or on error. */
function readFieldLines(
  text: string,
  start: number,
  result: ParsedHttp1Response,
  code: 'BAD_FIELD_LINE' | 'BAD_TRAILER',
): { fields: HeaderField[]; next: number } | undefined {
  const fields: HeaderField[] = [];
  let at = start;
  for (;;) {
    const line = readLine(text, at, result);
    if (line === undefined) return undefined;
    if (line.line === '') return { fields, next: line.next };
    const colon = line.line.indexOf(':');
    const name = colon < 0 ? '' : line.line.slice(0, colon);
    if (!TOKEN.test(name)) {
      const what = code === 'BAD_TRAILER' ? 'trailer field line' : 'field line';
      result.error = { code, offset: at, message: `${what} ${quote(line.line)} is not \`name: value\` with a token name (RFC 9112 §5)` };
      return undefined;
    }
    fields.push({ name, value: line.line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '') });
    at = line.next;
  }
}

/** The CRLF-terminated line at `at`; undefined while incomplete (or on a bare LF / overlong line, with `result.error` set). */
function readLine(text: string, at: number, result: ParsedHttp1Response): { line: string; next: number } | undefined {
  const lf = text.indexOf('\n', at);
  if (lf < 0) {
    if (text.length - at > MAX_LINE) {
      result.error = { code: 'LINE_TOO_LONG', offset: at, message: `no line end within ${MAX_LINE} bytes: ${quote(text.slice(at, at + 40))}…` };
    }
    return undefined;
  }
  if (lf === at || text[lf - 1] !== '\r') {
    result.error = { code: 'BARE_LF', offset: lf, message: `line ${quote(text.slice(at, lf + 1))} ends in a bare LF, not CRLF (RFC 9112 §2.2)` };
    return undefined;
  }
  return { line: text.slice(at, lf - 1), next: lf + 1 };
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return new Uint8Array(Buffer.concat(parts));
}

/** A latin1 text with CR, LF and other controls visible. */
function quote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '\r') out += '\\r';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code < 0x20 || code >= 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}"`;
}
