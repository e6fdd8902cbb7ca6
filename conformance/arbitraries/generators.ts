/** Generator sources and what they yield: shapes, response kinds, values `streamResponse` cannot send. */
import fc from 'fast-check';
import { plainLine } from './sse-isolated.ts';
import { anyText } from './text.ts';
import { bytes } from './values.ts';

/** The three calls that turn an iterable into a body. */
export type GeneratorResponseKind = 'streamResponse' | 'chunkedResponse' | 'sseResponse';

/** What a probe generator is: an async generator, a sync generator, or an array. */
export type ProbeShape = 'async-generator' | 'sync-generator' | 'array';

export function responseKind(): fc.Arbitrary<GeneratorResponseKind> {
  return fc.constantFrom<GeneratorResponseKind>('streamResponse', 'chunkedResponse', 'sseResponse');
}

/**
 * A source no generator response can iterate (GEN-008): neither
 * `Symbol.asyncIterator` nor `Symbol.iterator`. Not a string (iterable, by
 * code point) and not a ReadableStream (async iterable on current runtimes).
 */
export function notIterableSource(): fc.Arbitrary<{ label: string; source: unknown }> {
  return fc.constantFrom<{ label: string; source: unknown }>(
    { label: 'the number 42', source: 42 },
    { label: 'true', source: true },
    { label: 'null', source: null },
    { label: 'undefined', source: undefined },
    { label: 'a plain object', source: { data: 'x' } },
    { label: 'an iterator that is not iterable ({ next })', source: { next: () => ({ done: true, value: undefined }) } },
  );
}

/** A synchronous iterable shape (GEN-003). */
export function syncShape(): fc.Arbitrary<ProbeShape> {
  return fc.constantFrom<ProbeShape>('sync-generator', 'array');
}

/** Texts a generator yields (empty ones included). */
export function yieldedTexts(options: { maxLength?: number } = {}): fc.Arbitrary<string[]> {
  return fc.array(anyText({ maxLength: 16 }), { maxLength: options.maxLength ?? 6 });
}

/**
 * Plain ASCII strings a generator yields (no line break, no leading space,
 * never empty), for checks about how a body ends or what is accepted: what
 * they compare does not depend on how text is encoded (GEN-001, CHUNK-001,
 * SSE-005, SSE-006, SSE-009 and SSE-017 judge that).
 */
export function plainYields(options: { maxLength?: number } = {}): fc.Arbitrary<string[]> {
  return fc.array(plainLine({ maxLength: 16 }), { maxLength: options.maxLength ?? 6 });
}

/** Byte arrays a generator yields (empty ones included). */
export function yieldedBytes(options: { maxLength?: number } = {}): fc.Arbitrary<Uint8Array[]> {
  return fc.array(bytes({ maxLength: 32 }), { maxLength: options.maxLength ?? 6 });
}

/** Microtask turns a generator awaits before each yield (0: yields at once). */
export function awaitsBeforeYield(): fc.Arbitrary<number> {
  return fc.constantFrom(0, 0, 1, 3);
}

/** A value `streamResponse` cannot send: not text or binary data at all (GEN-007; binary views other than Uint8Array may be sent as bytes). */
export function unsendableYield(): fc.Arbitrary<{ label: string; value: unknown }> {
  return fc.oneof(
    fc.integer().map((value) => ({ label: 'a number', value })),
    fc.constantFrom(
      { label: 'null', value: null },
      { label: 'undefined', value: undefined },
      { label: 'true', value: true },
      { label: 'an object', value: { message: 'hello', n: 1 } },
      { label: 'an array', value: ['a', 'b'] },
    ),
  );
}
