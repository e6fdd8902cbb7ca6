/**
 * Client-side decoders for chunk bodies (spec §2.8: a client can
 * recover every chunk from the body alone). base64 and hex chunks are lines
 * ending in `\n`; a `utf-8` stream of JSON values is NDJSON.
 */
import { base64Decode, hexDecode } from './base16-64.ts';
import { DecodeError, UnknownEncodingError } from './errors.ts';

/** The encodings whose chunk boundaries are recoverable from the body. */
export type FramedChunkEncoding = 'base64' | 'hex';

const LF = 0x0a;

function requireFramedEncoding(encoding: unknown): FramedChunkEncoding {
  if (encoding === 'base64' || encoding === 'hex') return encoding;
  throw new UnknownEncodingError(
    'encoding',
    encoding,
    "must be 'base64' or 'hex' (utf-8 chunks carry no framing; use decodeNdjson for JSON values)",
  );
}

function decodeLine(line: Uint8Array, encoding: FramedChunkEncoding, lineNumber: number): Uint8Array {
  const bytes = encoding === 'base64' ? base64Decode(line) : hexDecode(line);
  if (bytes === undefined) {
    const shown = JSON.stringify(new TextDecoder().decode(line.subarray(0, 60)));
    throw encoding === 'base64'
      ? new DecodeError('MALFORMED_BASE64', lineNumber, `${shown} is not padded RFC 4648 §4 base64`)
      : new DecodeError('MALFORMED_HEX', lineNumber, `${shown} is not RFC 4648 §8 hex (an even number of hex digits)`);
  }
  return bytes;
}

/**
 * Splits a whole base64 or hex chunk body into its chunks, decoded; one entry
 * per chunk, empty chunks included.
 * @throws {@link DecodeError} for a malformed line or a body not ending in `\n`.
 */
export function decodeChunks(body: Uint8Array, encoding: FramedChunkEncoding): Uint8Array[] {
  const framed = requireFramedEncoding(encoding);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== LF) continue;
    chunks.push(decodeLine(body.subarray(start, i), framed, chunks.length + 1));
    start = i + 1;
  }
  if (start !== body.length) {
    throw new DecodeError('TRUNCATED', chunks.length + 1, `the body ends inside a chunk (${body.length - start} bytes after the last \\n)`);
  }
  return chunks;
}

/**
 * Streaming form of {@link decodeChunks}: bytes in (any split), one decoded
 * chunk out per encoded chunk. Errors the stream with a {@link DecodeError}.
 */
export class ChunkDecoderStream extends TransformStream<Uint8Array, Uint8Array> {
  constructor(encoding: FramedChunkEncoding) {
    const framed = requireFramedEncoding(encoding);
    let pending = new Uint8Array(0);
    let lineNumber = 0;
    super({
      transform(bytes, controller) {
        const data = pending.length === 0 ? bytes : concat(pending, bytes);
        let start = 0;
        for (let i = 0; i < data.length; i++) {
          if (data[i] !== LF) continue;
          controller.enqueue(decodeLine(data.subarray(start, i), framed, ++lineNumber));
          start = i + 1;
        }
        pending = data.slice(start);
      },
      flush() {
        if (pending.length > 0) {
          throw new DecodeError('TRUNCATED', lineNumber + 1, `the body ends inside a chunk (${pending.length} bytes after the last \\n)`);
        }
      },
    });
  }
}

function parseNdjsonLine(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new DecodeError('MALFORMED_NDJSON', lineNumber, `${JSON.stringify(line.slice(0, 60))} is not JSON (${(error as Error).message})`);
  }
}

/**
 * Parses NDJSON (a `utf-8` chunk stream of JSON values: one value per line,
 * each ending in `\n`).
 * @throws {@link DecodeError} for a line that is not JSON or text not ending in `\n`.
 */
export function decodeNdjson(text: string): unknown[] {
  if (text === '') return [];
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '') throw new DecodeError('TRUNCATED', lines.length + 1, `the text ends inside a value (${JSON.stringify(last?.slice(0, 60))} has no \\n)`);
  return lines.map((line, index) => parseNdjsonLine(line, index + 1));
}

/** Streaming form of {@link decodeNdjson}: UTF-8 bytes (any split) in, one JSON value out per line. */
export class NdjsonDecoderStream extends TransformStream<Uint8Array, unknown> {
  constructor() {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let pending = '';
    let lineNumber = 0;
    const decode = (bytes?: Uint8Array): string => {
      try {
        return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
      } catch {
        throw new DecodeError('MALFORMED_UTF8', lineNumber + 1, 'the bytes are not valid UTF-8');
      }
    };
    super({
      transform(bytes, controller) {
        const lines = (pending + decode(bytes)).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) controller.enqueue(parseNdjsonLine(line, ++lineNumber));
      },
      flush() {
        pending += decode();
        if (pending !== '') throw new DecodeError('TRUNCATED', lineNumber + 1, `the text ends inside a value (${JSON.stringify(pending.slice(0, 60))} has no \\n)`);
      },
    });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
