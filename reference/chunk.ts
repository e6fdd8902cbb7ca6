/**
 * Chunk encoding for `writeChunk` and `chunkedResponse` (spec §2.8;
 * RFC 4648). A chunk becomes bytes — string → UTF-8, `Uint8Array` → as is,
 * anything else → `JSON.stringify` → UTF-8 — and then:
 * - `utf-8`: the bytes as is; a JSON value is followed by `\n` (NDJSON);
 * - `base64`: RFC 4648 §4, standard alphabet, padded, then `\n`;
 * - `hex`: RFC 4648 §8, lowercase, then `\n`.
 *
 * HTTP chunk framing never goes into the body: that is the transport's job.
 */
import { base64Encode, hexEncode } from './base16-64.ts';
import { jsonText } from './json-text.ts';
import type { ChunkEncoding } from './options.ts';
import { utf8 } from './utf8.ts';

const LF = 0x0a;

/**
 * The body bytes of one chunk.
 * @throws {@link UnserializableValueError} for a value JSON cannot carry.
 */
export function encodeChunk(field: string, value: unknown, encoding: ChunkEncoding): Uint8Array {
  if (encoding === 'utf-8') {
    if (typeof value === 'string') return utf8(value);
    if (value instanceof Uint8Array) return value;
    return utf8(`${jsonText(field, value)}\n`);
  }
  const bytes = typeof value === 'string' ? utf8(value) : value instanceof Uint8Array ? value : utf8(jsonText(field, value));
  const out = encoding === 'base64' ? base64Encode(bytes, 1) : hexEncode(bytes, 1);
  out[out.length - 1] = LF;
  return out;
}
