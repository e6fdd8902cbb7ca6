/** `createStream` options (guide: StreamingOptions): valid coalescing settings and invalid values. */
import fc from 'fast-check';

/** Valid coalescing options: small `bufferSize` (bytes) and `flushInterval` (ms), each possibly absent. */
export function coalescingOptions(): fc.Arbitrary<{ bufferSize?: number; flushInterval?: number }> {
  return fc.record(
    {
      bufferSize: fc.integer({ min: 1, max: 64 }),
      flushInterval: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.double({ min: 0, max: 5, noNaN: true })),
    },
    { requiredKeys: ['flushInterval'] },
  );
}

/** A `bufferSize` that is not a positive integer. */
export function invalidBufferSize(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ max: 0 }),
    fc.double({ min: 0.01, max: 1e6, noNaN: true }).filter((value) => !Number.isInteger(value)),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1024', null, true, {}),
  );
}

/** A `flushInterval` that is not a non-negative finite number. */
export function invalidFlushInterval(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ max: -1 }),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '100', null, false, []),
  );
}

/** A header value that is not a string. */
export function nonStringHeaderValue(): fc.Arbitrary<unknown> {
  return fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom(null, ['a', 'b'], { toString: () => 'x' }));
}

/** One invalid option among otherwise valid ones, with a label for messages. */
export function invalidStreamOptions(): fc.Arbitrary<{ label: string; options: Record<string, unknown> }> {
  return fc.oneof(
    invalidBufferSize().map((value) => ({ label: 'bufferSize is not a positive integer', options: { bufferSize: value } })),
    invalidFlushInterval().map((value) => ({ label: 'flushInterval is not a non-negative finite number', options: { flushInterval: value } })),
    fc
      .tuple(fc.constantFrom('X-Stream-Type', 'Cache-Control', 'x-a'), nonStringHeaderValue())
      .map(([name, value]) => ({ label: `headers[${JSON.stringify(name)}] is not a string`, options: { headers: { [name]: value } } })),
  );
}
