/**
 * The HTTP/1.1 payload, de-chunked, is exactly what the handler wrote
 * (WIRE-004): for small writes, and for large ones a client reads late, so
 * that every write meets back-pressure.
 */
import fc from 'fast-check';
import { BULK_TOTAL_BYTES, bulkParts, streamProducer, wireParts, type StreamProducer, type WirePart } from '../../arbitraries/wire.ts';
import { bytesEqual } from '../../bytes/bytes.ts';
import { escapeText } from '../../bytes/escape.ts';
import type { Check } from '../../runner/check.ts';
import { expectThat, Mismatch } from '../../runner/property.ts';
import { describeDifference, describeHttp1End, excerpt } from '../../wire/describe.ts';
import { expectedPayload, partBytes } from '../../wire/produce.ts';
import { rawHttp1Request } from '../../wire/raw-http1.ts';
import { overHttp1, socketParameters } from '../../wire/run-exchange.ts';
import { RunTable } from '../../wire/wire-server.ts';
import { checkOnWireServer, END_WAIT_MS, streamCase, streamRoute } from './shared.ts';

// WIRE-004 ------------------------------------------------------------------

export const http1PayloadExact: Check = {
  requirement: 'WIRE-004',
  title: 'the de-chunked HTTP/1.1 payload is exactly what was written, with valid chunk framing',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    return checkOnWireServer(ctx, { protocol: 'http1', handler: streamRoute(runs), parameters: socketParameters(ctx, 20) }, (baseUrl) =>
      fc.asyncProperty(streamProducer(), wireParts({ minLength: 1 }), async (producer, parts) => {
        const path = runs.add({ producer, parts });
        await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
          const result = await exchange.finish(END_WAIT_MS, ctx.signal);
          const subject = `over HTTP/1.1, ${streamCase(producer, parts)}`;
          expectThat(result.end !== 'malformed', `${subject}: ${describeHttp1End(result, END_WAIT_MS)}`);
          const expected = expectedPayload(parts);
          expectThat(
            bytesEqual(result.response.payload, expected),
            `${subject}: the de-chunked payload is ${excerpt(result.response.payload)} but the handler wrote ${excerpt(expected)}${result.end === 'complete' ? '' : ` (the body ended with ${describeHttp1End(result, END_WAIT_MS)})`}`,
          );
        });
      }),
    );
  },
};

/** How long the back-pressure client leaves the body unread (ms). */
const LATE_READ_MS = 300;
/** How long the back-pressure client waits for the whole body once it reads (ms). */
const BULK_END_WAIT_MS = 8000;

/** A bulk pattern in words: `text(6000 × "é")`, `bytes(12000 × 0x41)`. */
function describeBulkPattern(pattern: readonly WirePart[]): string {
  return pattern
    .map((part) =>
      part.kind === 'text'
        ? `text(${[...part.text].length} × "${escapeText(part.text.slice(0, part.text.codePointAt(0)! > 0xffff ? 2 : 1))}")`
        : `bytes(${part.bytes.byteLength} × 0x${(part.bytes[0] ?? 0).toString(16).padStart(2, '0')})`,
    )
    .join(', ');
}

/** `pattern` repeated until its bytes pass {@link BULK_TOTAL_BYTES}. */
function repeatedToBulk(pattern: readonly WirePart[]): WirePart[] {
  const parts: WirePart[] = [];
  let bytes = 0;
  while (bytes < BULK_TOTAL_BYTES) {
    for (const part of pattern) {
      parts.push(part);
      bytes += partBytes(part).byteLength;
    }
  }
  return parts;
}

export const http1PayloadExactUnderBackPressure: Check = {
  requirement: 'WIRE-004',
  title: 'the payload is exactly what was written when the client reads late (text and bytes mixed, back-pressure on every write)',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    // A run moves 8 MB through a late reader: about 0.6 s on an idle machine, a few seconds on a loaded one.
    return checkOnWireServer(ctx, { protocol: 'http1', handler: streamRoute(runs), parameters: socketParameters(ctx, 3, { endOnFailure: true, perRunMs: 2500 }) }, (baseUrl) =>
      fc.asyncProperty(streamProducer(), bulkParts(), async (producer, pattern) => {
        const parts = repeatedToBulk(pattern);
        const path = runs.add({ producer, parts });
        const expected = expectedPayload(parts);
        // Not overHttp1: its failure evidence would carry all the megabytes that arrived.
        const exchange = await rawHttp1Request(baseUrl, { path, signal: ctx.signal });
        try {
          await exchange.pauseReading(LATE_READ_MS);
          const result = await exchange.finishLarge(BULK_END_WAIT_MS, ctx.signal);
          const subject = `over HTTP/1.1, a client that read nothing for ${LATE_READ_MS} ms, then everything; ${producer} wrote (${describeBulkPattern(pattern)}) × ${parts.length / pattern.length}`;
          const ended = result.end === 'complete' ? '' : ` (the body ended with ${describeHttp1End(result, BULK_END_WAIT_MS)})`;
          if (!bytesEqual(result.response.payload, expected) || result.end === 'malformed') {
            ctx.recordTranscript(exchange.transcript());
            throw new Mismatch(`${subject}: the de-chunked payload differs ${describeDifference(result.response.payload, expected)}${ended}`);
          }
        } finally {
          exchange.destroy();
        }
      }),
    );
  },
};
