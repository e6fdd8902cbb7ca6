/**
 * Arbitraries of chunks and chunk encodings (`writeChunk`, `chunkedResponse`),
 * and the model of the bytes a chunk becomes (spec §2.8;
 * RFC 4648 §4 base64, §8 base16). The model encodes with Node's `Buffer`,
 * an encoder nobody here wrote.
 */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { utf8 } from '../bytes/bytes.ts';
import { anyText } from './text.ts';
import { bytes, jsonNonStringValue } from './values.ts';

/** The encodings of the spec. */
export const CHUNK_ENCODINGS = ['utf-8', 'base64', 'hex'] as const;
export type ChunkEncodingName = (typeof CHUNK_ENCODINGS)[number];

/** A chunk value: text, bytes or a JSON value (not a string). */
export type ChunkValue = string | Uint8Array | { json: unknown };

/**
 * Bytes weighted towards what base64 and hex get wrong: the bytes that encode
 * to `+` and `/` (0xfb, 0xfe, 0xff, 0x3e, 0x3f), lengths 0–5 (all paddings),
 * and high bytes (upper-case hex digits).
 */
export function encodingSensitiveBytes(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 2, arbitrary: bytes({ maxLength: 24 }) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(0xfb, 0xfe, 0xff, 0x3e, 0x3f, 0xaf, 0x00, 0x0a, 0x0d), { maxLength: 5 })
        .map((values) => Uint8Array.from(values)),
    },
  );
}

/** A chunk as the handler passes it: text, bytes or a JSON value (wrapped so the shape is clear in counterexamples). */
export function chunkValue(): fc.Arbitrary<ChunkValue> {
  return fc.oneof(
    { weight: 3, arbitrary: anyText() },
    { weight: 3, arbitrary: encodingSensitiveBytes() },
    { weight: 2, arbitrary: jsonNonStringValue().map((json) => ({ json })) },
  );
}

/** A list of chunks, empty ones included. */
export function chunkValues(options: { minLength?: number; maxLength?: number; value?: fc.Arbitrary<ChunkValue> } = {}): fc.Arbitrary<ChunkValue[]> {
  return fc.array(options.value ?? chunkValue(), { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 6 });
}

/** The value handed to `writeChunk`/`chunkedResponse`. */
export function chunkArgument(chunk: ChunkValue): unknown {
  if (typeof chunk === 'string' || chunk instanceof Uint8Array) return chunk;
  return chunk.json;
}

/** The `encoding` option as passed: the name, or left out for the default `utf-8`. */
export function encodingOption(): fc.Arbitrary<ChunkEncodingName | undefined> {
  return fc.constantFrom(undefined, 'utf-8', 'base64', 'hex');
}

/** An encoding that is none of `utf-8`, `base64`, `hex`: near misses, other names, other types. */
export function unknownEncoding(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom('UTF-8', 'utf8', 'Base64', 'BASE64', 'base64url', 'HEX', 'base16', 'binary', 'latin1', 'ascii', 'utf-16', '', ' hex', 'hex '),
    fc.string({ maxLength: 8 }).filter((name) => !(CHUNK_ENCODINGS as readonly string[]).includes(name)),
    fc.constantFrom(null, 64, true),
  );
}

/** The bytes a chunk stands for before encoding: text as UTF-8, bytes as is, JSON values as their JSON text. */
export function chunkBytes(chunk: ChunkValue): Uint8Array {
  if (typeof chunk === 'string') return utf8(chunk);
  if (chunk instanceof Uint8Array) return chunk;
  return utf8(JSON.stringify(chunk.json));
}

/**
 * The model: what the body holds for one chunk. `utf-8`: the bytes, plus
 * `\n` after a JSON value (NDJSON); `base64`/`hex`: the encoded bytes, then `\n`.
 */
export function expectedChunkBytes(chunk: ChunkValue, encoding: ChunkEncodingName | undefined): Uint8Array {
  const raw = chunkBytes(chunk);
  switch (encoding ?? 'utf-8') {
    case 'utf-8':
      return typeof chunk === 'string' || chunk instanceof Uint8Array ? raw : utf8(`${JSON.stringify(chunk.json)}\n`);
    case 'base64':
      return utf8(`${Buffer.from(raw).toString('base64')}\n`);
    case 'hex':
      return utf8(`${Buffer.from(raw).toString('hex')}\n`);
  }
}

/** `writeChunk("a", {encoding:"hex"})` as a person reads it. */
export function describeChunk(chunk: ChunkValue): string {
  if (typeof chunk === 'string') return JSON.stringify(chunk);
  if (chunk instanceof Uint8Array) return `Uint8Array[${Array.from(chunk).join(',')}]`;
  return fc.stringify(chunk.json);
}
