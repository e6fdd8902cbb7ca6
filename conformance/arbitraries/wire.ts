/**
 * Arbitraries of the wire checks: what a handler writes (well-formed text or
 * bytes, never empty, with payloads that look like HTTP/1.1 chunk framing
 * weighted up), how it produces a stream, coalescing intervals, and what a
 * request asks for (Connection, Accept-Encoding).
 */
import fc from 'fast-check';

/** One write: text (well-formed Unicode, sent as UTF-8) or bytes; never empty, except from {@link emptyWirePart}. */
export type WirePart = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

/** Text that a chunked-coding bug would produce or confuse: size lines, CRLFs, a last chunk, a status line. */
export const framingLookalikes = ['0\r\n\r\n', '5\r\nhello\r\n', '\r\n', '1a;ext=1\r\n', 'HTTP/1.1 200 OK\r\n', '\r\n0\r\n'] as const;

/** One non-empty write. */
export function wirePart(): fc.Arbitrary<WirePart> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((text) => ({ kind: 'text', text }) as WirePart) },
    { weight: 2, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ kind: 'bytes', bytes }) as WirePart) },
    { weight: 1, arbitrary: fc.constantFrom(...framingLookalikes).map((text) => ({ kind: 'text', text }) as WirePart) },
  );
}

/** A sequence of writes (default 0 to 5). */
export function wireParts(options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<WirePart[]> {
  return fc.array(wirePart(), { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 5 });
}

/** An empty write: `""` or `new Uint8Array(0)`. */
export function emptyWirePart(): fc.Arbitrary<WirePart> {
  return fc.constantFrom<WirePart>({ kind: 'text', text: '' }, { kind: 'bytes', bytes: new Uint8Array(0) });
}

/** Up to 7 writes, at least one of them empty, empty and non-empty ones in any order. */
export function wirePartsWithEmptyWrites(): fc.Arbitrary<WirePart[]> {
  const any = fc.oneof({ weight: 2, arbitrary: wirePart() }, { weight: 1, arbitrary: emptyWirePart() });
  return fc
    .tuple(fc.array(any, { maxLength: 3 }), emptyWirePart(), fc.array(any, { maxLength: 3 }))
    .map(([before, empty, after]) => [...before, empty, ...after]);
}

/**
 * Large writes, text and bytes mixed, for a client that reads late: a pattern
 * of 2 to 6 writes of up to 16 KiB each (text in a 1- to 3-byte UTF-8
 * character, bytes of one value), repeated by the route until the body
 * passes {@link BULK_TOTAL_BYTES} — past what the loopback socket's buffers
 * hold (about 4 MB here), so the server's writes meet back-pressure.
 */
export function bulkParts(): fc.Arbitrary<WirePart[]> {
  const text = fc
    .record({ unit: fc.constantFrom('x', 'é', '€', '\n', '0'), length: fc.integer({ min: 1, max: 8 * 1024 }) })
    .map(({ unit, length }): WirePart => ({ kind: 'text', text: unit.repeat(length) }));
  const bytes = fc
    .record({ value: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 1, max: 16 * 1024 }) })
    .map(({ value, length }): WirePart => ({ kind: 'bytes', bytes: new Uint8Array(length).fill(value) }));
  return fc.array(fc.oneof(text, bytes), { minLength: 2, maxLength: 6 });
}

/** The body size {@link bulkParts} patterns are repeated up to. */
export const BULK_TOTAL_BYTES = 8 * 1024 * 1024;

/** Text of one SSE event: well-formed, no line breaks (so one event reads back as written). */
export function wireEventText(): fc.Arbitrary<string> {
  return fc.string({ unit: 'binary', maxLength: 30 }).map((text) => text.replace(/[\r\n]/g, ' '));
}

/**
 * How a handler produces a byte stream:
 * - `manual-before-return`: `createStream`, every write and `close()` before returning the response
 *   (the case where bridges are tempted to add `Content-Length`);
 * - `manual-after-return`: returns `stream.response` first, writes and closes afterwards;
 * - `generator`: `streamResponse` of an async generator.
 */
export type StreamProducer = 'manual-before-return' | 'manual-after-return' | 'generator';

export function streamProducer(): fc.Arbitrary<StreamProducer> {
  return fc.constantFrom<StreamProducer>('manual-before-return', 'manual-after-return', 'generator');
}

/** How a handler produces an event stream: `sseResponse` of a generator, or a manual stream's `writeSSE`. */
export type EventStreamProducer = 'sse-response' | 'manual-write-sse';

export function eventStreamProducer(): fc.Arbitrary<EventStreamProducer> {
  return fc.constantFrom<EventStreamProducer>('sse-response', 'manual-write-sse');
}

/** A generator-backed response kind whose generator may throw. */
export type GeneratorResponseKind = 'streamResponse' | 'sseResponse' | 'chunkedResponse';

export function generatorResponseKind(): fc.Arbitrary<GeneratorResponseKind> {
  return fc.constantFrom<GeneratorResponseKind>('streamResponse', 'sseResponse', 'chunkedResponse');
}

/** A `flushInterval` (ms): 10 to 150. */
export function flushIntervalMs(): fc.Arbitrary<number> {
  return fc.integer({ min: 10, max: 150 });
}

/** The `Connection` field a request sends, if any. */
export function requestConnection(): fc.Arbitrary<'keep-alive' | 'close' | undefined> {
  return fc.constantFrom<'keep-alive' | 'close' | undefined>(undefined, 'keep-alive', 'close');
}

/** What a generator yields before it throws (WIRE-003, WIRE-012): up to 3 event texts. */
export function valuesBeforeThrow(): fc.Arbitrary<string[]> {
  return fc.array(wireEventText(), { maxLength: 3 });
}

/** The events of an event stream (WIRE-009): 1 to 3 event texts. */
export function wireEvents(): fc.Arbitrary<string[]> {
  return fc.array(wireEventText(), { minLength: 1, maxLength: 3 });
}

/** Every way a handler produces a response whose hop-by-hop fields are judged (WIRE-005, WIRE-011). */
export type HopByHopProducer = StreamProducer | EventStreamProducer | 'chunkedResponse';

export function hopByHopProducer(): fc.Arbitrary<HopByHopProducer> {
  return fc.oneof(streamProducer(), eventStreamProducer(), fc.constant<'chunkedResponse'>('chunkedResponse'));
}

/** The `Accept-Encoding` a request sends (WIRE-009): gzip always among what it accepts, or deflate alone. */
export function acceptEncoding(): fc.Arbitrary<string> {
  return fc.constantFrom('gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8, *;q=0.1', 'deflate');
}

/** How a lockstep handler (WIRE-006, WIRE-010) makes its writes: `write` on a manual stream, or a generator's yields. */
export type LockstepProducer = 'manual-write' | 'generator';

export function lockstepProducer(): fc.Arbitrary<LockstepProducer> {
  return fc.constantFrom<LockstepProducer>('manual-write', 'generator');
}

/** The writes of a lockstep run: 1 to 4. */
export function lockstepParts(): fc.Arbitrary<WirePart[]> {
  return wireParts({ minLength: 1, maxLength: 4 });
}

/** How the stream a client leaves (WIRE-008) is produced: a manual stream, or a generator behind `streamResponse` or `sseResponse`. */
export type DisconnectProducer = 'manual' | 'streamResponse' | 'sseResponse';

export function disconnectProducer(): fc.Arbitrary<DisconnectProducer> {
  return fc.constantFrom<DisconnectProducer>('manual', 'streamResponse', 'sseResponse');
}

/** The values delivered before the client leaves (WIRE-008): up to 2 short lower-case words. */
export function valuesBeforeDisconnect(): fc.Arbitrary<string[]> {
  return fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 2 });
}
