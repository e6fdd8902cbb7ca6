/**
 * RFC 4648 codecs working on bytes (web standards only, no `Buffer`):
 * base64 (§4, standard alphabet, padded) and base16 (§8, lowercase out,
 * either case in).
 */
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_CODES = Uint8Array.from(BASE64_ALPHABET, (c) => c.charCodeAt(0));
const PAD = 0x3d; // '='
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Value of each ASCII byte in the base64 alphabet, 255 when not in it. */
const BASE64_VALUES = new Uint8Array(256).fill(255);
BASE64_CODES.forEach((code, value) => (BASE64_VALUES[code] = value));
/** Value of each ASCII hex digit (either case), 255 when not one. */
const HEX_VALUES = new Uint8Array(256).fill(255);
for (let i = 0; i < 16; i++) {
  HEX_VALUES['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUES['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** Base64 (RFC 4648 §4) of `bytes` as ASCII bytes, with `suffix` bytes of room left at the end. */
export function base64Encode(bytes: Uint8Array, suffix = 0): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4 + suffix);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = BASE64_CODES[n >> 18]!;
    out[o++] = BASE64_CODES[(n >> 12) & 63]!;
    out[o++] = BASE64_CODES[(n >> 6) & 63]!;
    out[o++] = BASE64_CODES[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = BASE64_CODES[n >> 18]!;
    out[o++] = BASE64_CODES[(n >> 12) & 63]!;
    out[o++] = rest === 2 ? BASE64_CODES[(n >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return out;
}

/** Lowercase base16 (RFC 4648 §8) of `bytes` as ASCII bytes, with `suffix` bytes of room at the end. */
export function hexEncode(bytes: Uint8Array, suffix = 0): Uint8Array {
  const out = new Uint8Array(bytes.length * 2 + suffix);
  for (let i = 0; i < bytes.length; i++) {
    out[2 * i] = HEX_CODES[bytes[i]! >> 4]!;
    out[2 * i + 1] = HEX_CODES[bytes[i]! & 15]!;
  }
  return out;
}

/**
 * Decodes padded base64 text given as ASCII bytes; `undefined` when it is not
 * canonical RFC 4648 §4 base64 (wrong length, a byte outside the alphabet,
 * misplaced padding).
 */
export function base64Decode(text: Uint8Array): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  let padding = 0;
  if (text.length > 0 && text[text.length - 1] === PAD) padding = text[text.length - 2] === PAD ? 2 : 1;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = BASE64_VALUES[text[i]!]!;
    const b = BASE64_VALUES[text[i + 1]!]!;
    const c = last && padding === 2 ? 0 : BASE64_VALUES[text[i + 2]!]!;
    const d = last && padding >= 1 ? 0 : BASE64_VALUES[text[i + 3]!]!;
    if ((a | b | c | d) === 255) return undefined;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Decodes base16 text given as ASCII bytes; `undefined` when the length is odd or a byte is not a hex digit. */
export function hexDecode(text: Uint8Array): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = HEX_VALUES[text[2 * i]!]!;
    const low = HEX_VALUES[text[2 * i + 1]!]!;
    if ((high | low) === 255) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}
