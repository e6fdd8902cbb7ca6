/** Value arbitraries: JSON values, values JSON cannot carry, bytes, option values. */
import fc from 'fast-check';
import { anyText } from './text.ts';

/** A JSON value (nested objects, arrays, all of Unicode in strings), never a bare string. */
export function jsonNonStringValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).filter((value) => typeof value !== 'string'),
    fc.dictionary(anyText({ maxLength: 6 }), fc.oneof(fc.integer(), anyText({ maxLength: 8 }), fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
    fc.array(anyText({ maxLength: 6 }), { maxLength: 4 }),
  );
}

/** A value `JSON.stringify` cannot carry: undefined, a function, a symbol, a BigInt, a cycle. */
export function unserializableValue(): fc.Arbitrary<{ label: string; value: unknown }> {
  return fc.constantFrom(
    { label: 'undefined', value: undefined },
    { label: 'a function', value: () => 1 },
    { label: 'a symbol', value: Symbol('streamconform') },
    { label: 'a BigInt', value: 10n },
    { label: 'an object holding a BigInt', value: { n: 1n } },
    {
      label: 'a cyclic object',
      value: (() => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        return cyclic;
      })(),
    },
  );
}

/** What a value becomes after a JSON round trip (the expectation for JSON events and chunks). */
export function jsonRoundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * Bytes, empty included. Some are views into a larger buffer (non-zero
 * `byteOffset`, spare bytes after), as pooled Node Buffers are: an
 * implementation that sends `view.buffer` instead of the view sends bytes
 * that were never written.
 */
export function bytes(options: { maxLength?: number; minLength?: number } = {}): fc.Arbitrary<Uint8Array> {
  const plain = fc.uint8Array({ minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 48 });
  const view = fc
    .tuple(plain, fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.uint8Array({ minLength: 1, maxLength: 8 }))
    .map(([content, before, after]) => {
      const backing = new Uint8Array(before.length + content.length + after.length);
      backing.set(before, 0);
      backing.set(content, before.length);
      backing.set(after, before.length + content.length);
      return backing.subarray(before.length, before.length + content.length);
    });
  return fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: view });
}

/** A valid `retry`: a non-negative integer. */
export function validRetry(): fc.Arbitrary<number> {
  return fc.oneof(fc.nat({ max: 100_000 }), fc.constant(0), fc.constant(Number.MAX_SAFE_INTEGER));
}

/** An invalid `retry`: negative, fractional, not finite, or not a number at all. */
export function invalidRetry(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ max: -1 }),
    fc.double({ noNaN: true, min: 0.001, max: 1e6 }).filter((value) => !Number.isInteger(value)),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1000', null, {}),
  );
}
