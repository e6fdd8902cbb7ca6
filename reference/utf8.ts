/** One shared UTF-8 encoder: strings become bytes as `TextEncoder` does (lone surrogates → U+FFFD). */
const encoder = new TextEncoder();

/** UTF-8 bytes of `text` (WHATWG Encoding "UTF-8 encode"). */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}
