/**
 * Telling a compressed body from a merely wrong one: the bytes decompressed
 * with each coding a server might apply (gzip, deflate as zlib or raw,
 * brotli), for the codings under which they decompress at all.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export interface Decompressed {
  coding: 'gzip' | 'deflate' | 'deflate (raw)' | 'br';
  bytes: Uint8Array;
}

const DECODERS: ReadonlyArray<[Decompressed['coding'], (bytes: Uint8Array) => Buffer]> = [
  ['gzip', (bytes) => gunzipSync(bytes, { finishFlush: 2 })],
  ['deflate', (bytes) => inflateSync(bytes, { finishFlush: 2 })],
  ['deflate (raw)', (bytes) => inflateRawSync(bytes, { finishFlush: 2 })],
  ['br', (bytes) => brotliDecompressSync(bytes)],
];

/** `bytes` decompressed by every coding that accepts them (a stream cut short still decompresses as far as it goes). */
export function decompressedVariants(bytes: Uint8Array): Decompressed[] {
  if (bytes.byteLength === 0) return [];
  const out: Decompressed[] = [];
  for (const [coding, decode] of DECODERS) {
    try {
      out.push({ coding, bytes: new Uint8Array(decode(bytes)) });
    } catch {
      // Not this coding.
    }
  }
  return out;
}
