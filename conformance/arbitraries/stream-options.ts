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

/**
 * A header field no HTTP message may carry: a name that is not a token
 * (RFC 9110 §5.6.2), or a value with CR, LF or NUL inside it (RFC 9110 §5.5).
 * Inside, not at an end: Fetch's Headers trims leading and trailing CR and LF
 * as whitespace, so "x\r\n" is a valid value once normalized.
 */
export function malformedHeaderField(): fc.Arbitrary<{ label: string; name: string; value: string }> {
  return fc.oneof(
    fc
      .constantFrom('X Stream', 'X-Stream:', 'x(y)', 'x"y', 'é-header', 'x\ty', '')
      .map((name) => ({ label: `header name ${JSON.stringify(name)} is not an HTTP token`, name, value: 'v' })),
    fc
      .tuple(fc.constantFrom('X-Stream-Type', 'x-a'), fc.constantFrom('\r\n', '\n', '\r', '\0'), fc.constantFrom('Set-Cookie: a=b', 'b', 'X-Injected: 1'))
      .map(([name, breaker, tail]) => ({ label: `headers[${JSON.stringify(name)}] has ${JSON.stringify(breaker)} inside it`, name, value: `a${breaker}${tail}` })),
  );
}

/** One invalid option among otherwise valid ones, with a label for messages. */
export function invalidStreamOptions(): fc.Arbitrary<{ label: string; options: unknown }> {
  return fc.oneof(
    fc.constantFrom('text/plain', 42, true).map((options) => ({ label: 'options is neither an object nor undefined', options })),
    fc
      .constantFrom(42, true, {}, ['text/plain'])
      .map((contentType) => ({ label: 'contentType is not a string', options: { contentType } })),
    fc.constantFrom('X-A: 1', 42, true).map((headers) => ({ label: 'headers is not an object', options: { headers } })),
    malformedHeaderField().map(({ label, name, value }) => ({ label, options: { headers: { [name]: value } } })),
    invalidBufferSize().map((value) => ({ label: 'bufferSize is not a positive integer', options: { bufferSize: value } })),
    invalidFlushInterval().map((value) => ({ label: 'flushInterval is not a non-negative finite number', options: { flushInterval: value } })),
    fc
      .tuple(fc.constantFrom('X-Stream-Type', 'Cache-Control', 'x-a'), nonStringHeaderValue())
      .map(([name, value]) => ({ label: `headers[${JSON.stringify(name)}] is not a string`, options: { headers: { [name]: value } } })),
  );
}
