/**
 * Client-side chunk decoders for the guide's chunk encodings, for k6 (which
 * has no TextDecoder and no Buffer): RFC 4648 §4 base64 (standard alphabet,
 * padded) and §8 base16 (lowercase), one chunk per line, and UTF-8 to text.
 * Strict: malformed input is reported, never guessed. No k6 and no Node imports.
 */
import type { ChunkEncoding } from './payload.ts';

/** A line that is not valid in its encoding. */
export class ChunkDecodeError extends Error {
  override readonly name = 'ChunkDecodeError';
  readonly code = 'MALFORMED_CHUNK';
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE: Record<string, number> = {};
for (let index = 0; index < BASE64.length; index += 1) BASE64_VALUE[BASE64[index]!] = index;

function shown(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** RFC 4648 §4, padded, no whitespace. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new ChunkDecodeError(`base64 line ${shown(text)} is not RFC 4648 §4 base64 (standard alphabet, padded to a multiple of 4)`);
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = BASE64_VALUE[text[i]!]!;
    const b = BASE64_VALUE[text[i + 1]!]!;
    const c = text[i + 2] === '=' ? 0 : BASE64_VALUE[text[i + 2]!]!;
    const d = text[i + 3] === '=' ? 0 : BASE64_VALUE[text[i + 3]!]!;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 0xff;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

/** RFC 4648 §8 base16, lowercase (the guide's `hex`). */
export function decodeHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-f]*$/.test(text)) {
    throw new ChunkDecodeError(`hex line ${shown(text)} is not lowercase RFC 4648 §8 base16 with an even length`);
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** UTF-8 bytes → text; malformed sequences become U+FFFD (as TextDecoder does). */
export function decodeUtf8(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    let need = 0;
    let code = 0;
    let min = 0;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i += 1;
      continue;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1; code = b0 & 0x1f; min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2; code = b0 & 0x0f; min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3; code = b0 & 0x07; min = 0x10000;
    } else {
      out += '\ufffd';
      i += 1;
      continue;
    }
    let j = 1;
    for (; j <= need; j += 1) {
      const b = bytes[i + j];
      if (b === undefined || (b & 0xc0) !== 0x80) break;
      code = (code << 6) | (b & 0x3f);
      // reject overlongs and surrogates as early as the second byte, like TextDecoder
      if (j === 1) {
        if (b0 === 0xe0 && b < 0xa0) break;
        if (b0 === 0xed && b > 0x9f) break;
        if (b0 === 0xf0 && b < 0x90) break;
        if (b0 === 0xf4 && b > 0x8f) break;
      }
    }
    if (j <= need || code < min) {
      out += '\ufffd';
      i += Math.max(1, j);
      continue;
    }
    out += String.fromCodePoint(code);
    i += need + 1;
  }
  return out;
}

/**
 * Splits a chunked body into its chunks' bytes. `base64` and `hex`: one line
 * per chunk (each ends in LF). `utf-8`: one NDJSON line per JSON chunk.
 * @throws {@link ChunkDecodeError} for a malformed line or a body that does not end in LF.
 */
export function decodeChunkLines(body: string, encoding: ChunkEncoding): Uint8Array[] | string[] {
  if (body === '') return [];
  if (!body.endsWith('\n')) {
    throw new ChunkDecodeError(`the body does not end in LF (it ends with ${shown(body.slice(-20))}): the last chunk is cut`);
  }
  const lines = body.slice(0, -1).split('\n');
  if (encoding === 'utf-8') return lines;
  return lines.map((line) => (encoding === 'base64' ? decodeBase64(line) : decodeHex(line)));
}
