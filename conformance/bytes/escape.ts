/**
 * Escaping for humans: bytes and strings with CR, LF, NUL and every other
 * control or unprintable character made visible, as reports show them.
 */

/** Escapes text: `\r`, `\n`, `\t`, `\0`, `\\`, `\xNN` for other controls, `\u{...}` for lone surrogates, BOM and other invisibles. */
export function escapeText(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[index]! + text[index + 1]!;
        index++;
        continue;
      }
    }
    out += escapeCodeUnit(code, text[index]!);
  }
  return out;
}

function escapeCodeUnit(code: number, char: string): string {
  switch (code) {
    case 0x0d:
      return '\\r';
    case 0x0a:
      return '\\n';
    case 0x09:
      return '\\t';
    case 0x00:
      return '\\0';
    case 0x5c:
      return '\\\\';
  }
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if ((code >= 0x80 && code < 0xa0) || (code >= 0xd800 && code <= 0xdfff) || code === 0xfeff || code === 0x2028 || code === 0x2029) {
    return `\\u{${code.toString(16)}}`;
  }
  return char;
}

/** Escapes bytes: valid UTF-8 runs as escaped text, invalid bytes as `\xNN`. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  let index = 0;
  while (index < bytes.length) {
    const length = utf8SequenceLength(bytes, index);
    if (length === 0) {
      out += `\\x${bytes[index]!.toString(16).padStart(2, '0')}`;
      index++;
      continue;
    }
    out += escapeText(utf8Decoder.decode(bytes.subarray(index, index + length)));
    index += length;
  }
  return out;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Length of the well-formed UTF-8 sequence at `index`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Uint8Array, index: number): number {
  const first = bytes[index]!;
  if (first < 0x80) return 1;
  let length: number;
  let min: number;
  if (first >= 0xc2 && first <= 0xdf) [length, min] = [2, 0x80];
  else if (first >= 0xe0 && first <= 0xef) [length, min] = [3, 0x800];
  else if (first >= 0xf0 && first <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (index + length > bytes.length) return 0;
  let codePoint = first & (0xff >> (length + 1));
  for (let offset = 1; offset < length; offset++) {
    const next = bytes[index + offset]!;
    if ((next & 0xc0) !== 0x80) return 0;
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return 0;
  return length;
}
