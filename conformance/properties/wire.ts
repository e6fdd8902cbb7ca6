/**
 * WIRE-001..012 and WIRE-017: what crosses a real socket on 127.0.0.1, over
 * HTTP/1.1 (the adapter's `listen`) and HTTP/2 cleartext (`listenHttp2`);
 * and GEN-004 over a real socket. Each check starts ONE server and sends one
 * request per property run; the route reads its run's instructions from a
 * table keyed by `?run=N`. Every failure attaches the byte transcript
 * (packet boundaries and arrival times).
 *
 * Each check judges its own rule only. What its rule presupposes and another
 * requirement judges — chunked coding for the last chunk (WIRE-001), the
 * delivery of values before a disconnect (WIRE-006), the exact payload
 * (WIRE-004) — makes a run unjudgeable, not failed: the run is skipped, and
 * the check is blocked by that requirement when no run could be judged
 * ({@link Judging}). Nothing waits for the response head before the first
 * write: a head that comes with the first body bytes is allowed (docs/spec.md
 * §3 has no rule about when the head is sent).
 *
 * Spec: docs/spec.md §3 WIRE; RFC 9112 §6.1, §7.1; RFC 9113 §8.1, §8.2.2.
 */
import fc from 'fast-check';
import {
  BULK_TOTAL_BYTES,
  bulkParts,
  eventStreamProducer,
  flushIntervalMs,
  generatorResponseKind,
  requestConnection,
  streamProducer,
  wireEventText,
  wirePart,
  wireParts,
  wirePartsWithEmptyWrites,
  type EventStreamProducer,
  type GeneratorResponseKind,
  type StreamProducer,
  type WirePart,
} from '../arbitraries/wire.ts';
import { bytesEqual } from '../bytes/bytes.ts';
import { escapeText } from '../bytes/escape.ts';
import { gate, within, type Gate } from '../drive/exchange.ts';
import { clientView } from '../oracles/event-stream.ts';
import type { RequirementId } from '../requirements/types.ts';
import type { Check } from '../runner/check.ts';
import type { Context } from '../adapter/under-test.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';
import { describeDifference, describeFields, describeH2End, describeHttp1End, describeParts, excerpt } from '../wire/describe.ts';
import { H2_PROTOCOL_ERROR, h2ErrorName } from '../wire/h2-client.ts';
import { fieldValues, parseHttp1Response, type HeaderField, type ParsedHttp1Response } from '../wire/http1-parse.ts';
import { inProcessBody } from '../wire/in-process.ts';
import { Judging } from '../wire/judging.ts';
import { expectedPayload, partBytes, produceEventStream, produceFailingGenerator, produceStream } from '../wire/produce.ts';
import { rawHttp1Request, type RawHttp1Result } from '../wire/raw-http1.ts';
import { overHttp1, overHttp2, proceed, sleep, socketParameters, timedOut, writeArgument } from '../wire/run-exchange.ts';
import { loopbackBuffering } from '../wire/socket-buffers.ts';
import { arrivedBytes } from '../wire/transcript.ts';
import { decompressedVariants } from '../wire/compression.ts';
import { RunTable, withWireServer } from '../wire/wire-server.ts';

/** How long one exchange may take to end (ms). */
const END_WAIT_MS = 2000;
/** How long a lockstep write may take to reach the client (ms). */
const LOCKSTEP_MS = 1000;
/** The disconnect bound of WIRE-008 (ms). */
const DISCONNECT_BOUND_MS = 1000;
/** The slack of WIRE-007 over `flushInterval` (ms). */
const FLUSH_SLACK_MS = 500;
/** How long WIRE-007 keeps waiting past the bound, to say how late a write was (ms). */
const FLUSH_GRACE_MS = 1000;
/**
 * Where a check must have the response head before it goes on (it is not
 * needed for what the check judges, but an implementation may be still
 * setting up the response until then), it waits this long for it at most:
 * a head that comes only with the first body bytes is allowed.
 */
const HEAD_GRACE_MS = 100;

/** Fields HTTP/2 forbids in any message (RFC 9113 §8.2.2). */
const CONNECTION_SPECIFIC_FIELDS = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'] as const;

function streamCase(producer: StreamProducer, parts: readonly WirePart[]): string {
  return `a stream (${producer}: ${describeParts(parts)})`;
}

/** A route serving {@link produceStream} runs. */
function streamRoute(runs: RunTable<{ producer: StreamProducer; parts: WirePart[] }>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    return produceStream(ctx, run.producer, run.parts);
  };
}

/** A route whose generator yields the run's values, then throws. */
function failingGeneratorRoute(runs: RunTable<{ kind: GeneratorResponseKind; values: string[] }>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    return produceFailingGenerator(ctx, run.kind, run.values);
  };
}

/** The transfer codings of a head, in order, lower case (`Transfer-Encoding: gzip, chunked` → gzip, chunked). */
function transferCodings(fields: readonly HeaderField[]): string[] {
  return fieldValues(fields, 'transfer-encoding')
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '');
}

/** How a head frames its body, in words: `Content-Length: 0`, `no Transfer-Encoding and no Content-Length`. */
function describeFraming(response: ParsedHttp1Response): string {
  const fields = response.head?.fields ?? [];
  const lengths = fieldValues(fields, 'content-length');
  const codings = transferCodings(fields);
  if (lengths.length > 0) return `Content-Length: ${lengths.join(', ')}${codings.length > 0 ? ` and Transfer-Encoding: ${codings.join(', ')}` : ''}`;
  if (codings.length > 0) return `Transfer-Encoding: ${codings.join(', ')}`;
  return 'no Transfer-Encoding and no Content-Length (a body delimited by the connection closing)';
}

/**
 * Records a run whose body is not in chunked coding as unjudgeable by a rule
 * about chunked coding: WIRE-001 judges the framing. True when it was.
 */
function notChunked(judging: Judging, result: RawHttp1Result, subject: string): boolean {
  const { response } = result;
  if (response.head === undefined || response.framing === 'chunked' || response.framing === 'none') return false;
  judging.unmet(
    'chunked',
    'WIRE-001',
    `${subject} was sent with ${describeFraming(response)}, not in chunked coding, so there is no last chunk to judge (WIRE-001 judges the framing)`,
  );
  return true;
}

/**
 * Records an HTTP/2 stream the client reset with PROTOCOL_ERROR before any
 * response headers — how it rejects a malformed response, e.g. one with a
 * connection-specific field — as unjudgeable: WIRE-011 judges the fields.
 * True when it was.
 */
function rejectedByClient(judging: Judging, state: { status: number | undefined; rstCode: number | undefined }, subject: string): boolean {
  if (state.status !== undefined || state.rstCode !== H2_PROTOCOL_ERROR) return false;
  judging.unmet(
    'rejected',
    'WIRE-011',
    `${subject}: the client reset the stream with ${h2ErrorName(H2_PROTOCOL_ERROR)} before any response headers, as it rejects a malformed response (WIRE-011 judges the response's fields)`,
  );
  return true;
}

// WIRE-001 ------------------------------------------------------------------

const http1Chunked: Check = {
  requirement: 'WIRE-001',
  title: 'a stream over HTTP/1.1 is sent with Transfer-Encoding: chunked and no Content-Length',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    return withWireServer(ctx, 'http1', streamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(streamProducer(), wireParts(), async (producer, parts) => {
          const path = runs.add({ producer, parts });
          await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
            // Every producer ends its stream, so the head comes at the latest with the end.
            const { head } = await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal);
            const codings = transferCodings(head!.fields);
            const lengths = fieldValues(head!.fields, 'content-length');
            expectThat(
              lengths.length === 0 && codings.at(-1) === 'chunked',
              `over HTTP/1.1, ${streamCase(producer, parts)} was sent with ${lengths.length > 0 ? `Content-Length: ${lengths.join(', ')}` : 'no Content-Length'} and ${codings.length > 0 ? `Transfer-Encoding: ${codings.join(', ')}` : 'no Transfer-Encoding'}: expected Transfer-Encoding: chunked and no Content-Length (RFC 9112 §6.1, §7.1). Header fields: ${describeFields(head!.fields)}`,
            );
          });
        }),
        socketParameters(ctx, 15),
      ),
    );
  },
};

// WIRE-002 ------------------------------------------------------------------

const http1LastChunk: Check = {
  requirement: 'WIRE-002',
  title: 'a stream over HTTP/1.1 ended by close() or a finished generator ends with the last chunk',
  run: async (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    const judging = new Judging();
    await withWireServer(ctx, 'http1', streamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(streamProducer(), wireParts(), async (producer, parts) => {
          const path = runs.add({ producer, parts });
          await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            if (notChunked(judging, result, `over HTTP/1.1, ${streamCase(producer, parts)}`)) return;
            judging.judge();
            const how = producer === 'generator' ? 'the generator finished' : 'close()';
            expectThat(
              result.end === 'complete' && result.response.lastChunk,
              `over HTTP/1.1, ${streamCase(producer, parts)} ended with ${describeHttp1End(result, END_WAIT_MS)} after ${how}: expected the last chunk 0\\r\\n\\r\\n (RFC 9112 §7.1)`,
            );
          });
        }),
        socketParameters(ctx, 15, { endOnFailure: true }),
      ),
    );
    judging.conclude();
  },
};

// WIRE-003 ------------------------------------------------------------------

const http1NoLastChunkOnError: Check = {
  requirement: 'WIRE-003',
  title: 'a generator that throws ends the HTTP/1.1 body without the last chunk, by closing the connection',
  run: async (ctx) => {
    const runs = new RunTable<{ kind: GeneratorResponseKind; values: string[] }>();
    const judging = new Judging();
    await withWireServer(ctx, 'http1', failingGeneratorRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(generatorResponseKind(), fc.array(wireEventText(), { maxLength: 3 }), async (kind, values) => {
          const path = runs.add({ kind, values });
          await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            const subject = `over HTTP/1.1, a ${kind} whose generator yielded ${values.length} value(s) and then threw`;
            // Without a length and without chunked coding, closing is the only end there is: the client cannot tell, and WIRE-001 judges that.
            if (result.response.framing === 'until-close') {
              judging.unmet('framing', 'WIRE-001', `${subject} was sent with ${describeFraming(result.response)}, so no end can tell a cut-short body from a complete one (WIRE-001 judges the framing)`);
              return;
            }
            judging.judge();
            const cleanEnd = result.response.framing === 'content-length' ? 'a complete Content-Length body must not be sent' : 'the last chunk must not be sent';
            expectThat(
              !result.response.lastChunk && result.end !== 'malformed' && result.end !== 'complete',
              `${subject} ended with ${describeHttp1End(result, END_WAIT_MS)}: after an error ${cleanEnd}, or the client takes a truncated body for a complete one (RFC 9112 §7.1, §8)`,
            );
            expectThat(
              result.end === 'closed',
              `${subject} ended with ${describeHttp1End(result, END_WAIT_MS)}: expected the connection to close without the last chunk, so the client sees an incomplete body`,
            );
          });
        }),
        socketParameters(ctx, 12, { endOnFailure: true }),
      ),
    );
    judging.conclude();
  },
};
// WIRE-004 ------------------------------------------------------------------

const http1PayloadExact: Check = {
  requirement: 'WIRE-004',
  title: 'the de-chunked HTTP/1.1 payload is exactly what was written, with valid chunk framing',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    return withWireServer(ctx, 'http1', streamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
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
        socketParameters(ctx, 20),
      ),
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

const http1PayloadExactUnderBackPressure: Check = {
  requirement: 'WIRE-004',
  title: 'the payload is exactly what was written when the client reads late (text and bytes mixed, back-pressure on every write)',
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    return withWireServer(ctx, 'http1', streamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
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
        // A run moves 8 MB through a late reader: about 0.6 s on an idle machine, a few seconds on a loaded one.
        socketParameters(ctx, 3, { endOnFailure: true, perRunMs: 2500 }),
      ),
    );
  },
};

// WIRE-017 ------------------------------------------------------------------

/** Whether `prefix` is a prefix of `bytes`. */
function isPrefix(prefix: Uint8Array, bytes: Uint8Array): boolean {
  return prefix.byteLength <= bytes.byteLength && bytesEqual(prefix, bytes.subarray(0, prefix.byteLength));
}

/** The in-process rule a stream that ends itself at an empty write breaks. */
function inProcessRuleOfEmptyWrites(producer: StreamProducer, parts: readonly WirePart[]): RequirementId {
  if (producer !== 'generator') return 'STREAM-005';
  const empty = parts.find((part) => partBytes(part).byteLength === 0);
  return empty?.kind === 'bytes' ? 'GEN-002' : 'GEN-001';
}

const http1EmptyWriteIsNotLastChunk: Check = {
  requirement: 'WIRE-017',
  title: 'over HTTP/1.1, empty writes put no zero-length chunk on the wire: the body ends once, after everything written',
  run: async (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    const judging = new Judging();
    await withWireServer(ctx, 'http1', streamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(streamProducer(), wirePartsWithEmptyWrites(), async (producer, parts) => {
          const path = runs.add({ producer, parts });
          await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            const { response } = result;
            const subject = `over HTTP/1.1, ${streamCase(producer, parts)}`;
            const expected = expectedPayload(parts);
            if (notChunked(judging, result, subject)) return;
            if (result.end === 'complete' && response.excess === 0 && bytesEqual(response.payload, expected)) {
              judging.judge();
              return;
            }
            if (result.end === 'complete' && response.excess > 0) {
              judging.judge();
              throw new Mismatch(
                `${subject}: a zero-length chunk ended the body after ${response.payload.byteLength} of the ${expected.byteLength} bytes written, and ${response.excess} more bytes followed it (a client reads them as the next response): an empty write was sent as a chunk of size 0, which is the last chunk (RFC 9112 §7.1); an empty write must send nothing`,
              );
            }
            if (result.end === 'complete' && isPrefix(response.payload, expected)) {
              // Ended early and cleanly: at the empty write on the wire, or because the stream itself ends there?
              const rule = inProcessRuleOfEmptyWrites(producer, parts);
              const body = await inProcessBody(ctx, (c) => produceStream(c, producer, parts), END_WAIT_MS);
              if (body.end !== 'clean' || !bytesEqual(body.bytes, expected)) {
                judging.unmet(
                  'in-process',
                  rule,
                  `${subject}: the body ended after ${response.payload.byteLength} of the ${expected.byteLength} bytes written, and in-process too (${body.bytes.byteLength} bytes, ${body.end === 'clean' ? 'ended cleanly' : `ended: ${body.end}`}): the stream itself ends at an empty write, which ${rule} judges`,
                );
                return;
              }
              judging.judge();
              throw new Mismatch(
                `${subject}: the body ended with the last chunk after ${response.payload.byteLength} of the ${expected.byteLength} bytes written, though in-process it has all of them: an empty write ended the body on the wire (a chunk of size 0 is the last chunk, RFC 9112 §7.1)`,
              );
            }
            // Not ended early: the body did not end with the last chunk, or its bytes differ otherwise — other rules.
            if (result.end === 'complete' || result.end === 'malformed') {
              judging.unmet('payload', 'WIRE-004', `${subject}: the payload differs ${describeDifference(response.payload, expected)} (${describeHttp1End(result, END_WAIT_MS)}), not by ending early: WIRE-004 judges the payload`);
            } else {
              judging.unmet('end', 'WIRE-002', `${subject} ended with ${describeHttp1End(result, END_WAIT_MS)}: WIRE-002 judges how a stream ends`);
            }
          });
        }),
        socketParameters(ctx, 20),
      ),
    );
    judging.conclude();
  },
};

// WIRE-005 ------------------------------------------------------------------

type HopByHopProducer = StreamProducer | EventStreamProducer | 'chunkedResponse';

function hopByHopProducer(): fc.Arbitrary<HopByHopProducer> {
  return fc.oneof(streamProducer(), eventStreamProducer(), fc.constant<'chunkedResponse'>('chunkedResponse'));
}

function produceAny(ctx: Context, producer: HopByHopProducer, parts: readonly WirePart[]): unknown {
  if (producer === 'sse-response' || producer === 'manual-write-sse') {
    return produceEventStream(ctx, producer, parts.map((part) => (part.kind === 'text' ? part.text.replace(/[\r\n]/g, ' ') : 'bytes')));
  }
  if (producer === 'chunkedResponse') return ctx.chunkedResponse(parts.map(writeArgument));
  return produceStream(ctx, producer, parts);
}

const http1HopByHopOnce: Check = {
  requirement: 'WIRE-005',
  title: 'Transfer-Encoding appears once as chunked, Connection and Keep-Alive at most once',
  run: (ctx) => {
    const runs = new RunTable<{ producer: HopByHopProducer; parts: WirePart[] }>();
    const route = (c: Context) => {
      const run = runs.of(c);
      return produceAny(c, run.producer, run.parts);
    };
    return withWireServer(ctx, 'http1', route, (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(hopByHopProducer(), wireParts({ maxLength: 3 }), requestConnection(), async (producer, parts, connection) => {
          const path = runs.add({ producer, parts });
          const headers: [string, string][] = connection === undefined ? [] : [['Connection', connection]];
          await overHttp1(ctx, baseUrl, { path, headers }, async (exchange) => {
            const { head } = await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal);
            const fields = head!.fields;
            const subject = `over HTTP/1.1, a ${producer} response to a request with ${connection === undefined ? 'no Connection field' : `Connection: ${connection}`}`;
            const te = fieldValues(fields, 'transfer-encoding');
            const codings = transferCodings(fields);
            // A body not in chunked coding (Content-Length, or neither field) is WIRE-001's to judge; its Connection fields are still judged here.
            if (codings.at(-1) === 'chunked') {
              expectThat(
                te.length === 1 && new Set(codings).size === codings.length,
                `${subject} carries ${te.length} Transfer-Encoding field line(s) (${te.map((value) => `"${escapeText(value)}"`).join(', ')}): expected exactly one, naming chunked once (RFC 9112 §6.1; a duplicated coding reads as chunked twice). Header fields: ${describeFields(fields)}`,
              );
            }
            for (const name of ['Connection', 'Keep-Alive']) {
              const values = fieldValues(fields, name);
              expectThat(
                values.length <= 1,
                `${subject} carries ${values.length} ${name} field lines (${values.map((value) => `"${escapeText(value)}"`).join(', ')}): expected at most one, the server's own (RFC 9110 §7.6.1). Header fields: ${describeFields(fields)}`,
              );
            }
          });
        }),
        socketParameters(ctx, 15),
      ),
    );
  },
};

// WIRE-006, WIRE-010 ---------------------------------------------------------

type LockstepProducer = 'manual-write' | 'generator';

interface LockstepRun {
  producer: LockstepProducer;
  parts: WirePart[];
  /** Gate k opens when the client saw part k: the handler may make write k+1. */
  seen: Gate[];
  /** Opens when the run is over (the handler stops). */
  stop: Gate;
  /** What the handler's own calls threw, if anything. */
  handlerError?: unknown;
}

function lockstepRoute(runs: RunTable<LockstepRun>) {
  return async (ctx: Context) => {
    const run = runs.of(ctx);
    if (run.producer === 'generator') {
      return ctx.streamResponse(
        (async function* () {
          for (const [k, part] of run.parts.entries()) {
            yield writeArgument(part);
            if (!(await proceed(run.seen[k]!, run.stop))) return;
          }
        })(),
      );
    }
    const stream = await ctx.createStream();
    void (async () => {
      try {
        for (const [k, part] of run.parts.entries()) {
          stream.write(writeArgument(part));
          if (!(await proceed(run.seen[k]!, run.stop))) return;
        }
        stream.close();
      } catch (error) {
        run.handlerError = error;
      }
    })();
    return stream.response;
  };
}

function lockstepMessage(protocol: string, run: LockstepRun, k: number, arrived: number, needed: number): string {
  const thrown = run.handlerError === undefined ? '' : ` (the handler's call threw: ${String(run.handlerError)})`;
  const method = run.producer === 'generator' ? 'yield' : 'write';
  return `over ${protocol}, write ${k + 1} of ${run.parts.length} was not delivered within ${LOCKSTEP_MS} ms: the implementation buffers (${describeParts(run.parts, method)}; the client had ${arrived} of the ${needed} bytes written so far, and the handler waits for them before its next write)${thrown}`;
}

function lockstepArbitraries() {
  return [fc.constantFrom<LockstepProducer>('manual-write', 'generator'), wireParts({ minLength: 1, maxLength: 4 })] as const;
}

/** Cumulative byte counts: how much the client must have after part k. */
function cumulativeLengths(parts: readonly WirePart[]): number[] {
  let total = 0;
  return parts.map((part) => (total += partBytes(part).byteLength));
}

/**
 * Plays the client of a lockstep run: opens `run.seen[k]` as soon as write k
 * arrived, so the handler makes write k+1 only then. A write that does not
 * arrive within LOCKSTEP_MS is a mismatch saying the implementation buffers.
 */
async function stepThroughWrites(
  protocol: string,
  run: LockstepRun,
  waitForBytes: (needed: number, what: string) => Promise<unknown>,
  arrivedBytes: () => number,
): Promise<void> {
  for (const [k, needed] of cumulativeLengths(run.parts).entries()) {
    const outcome = await waitForBytes(needed, `write ${k + 1}`).catch((error: unknown) => error);
    if (timedOut(outcome)) {
      throw new Mismatch(lockstepMessage(protocol, run, k, arrivedBytes(), needed));
    }
    if (outcome instanceof Error) throw outcome;
    run.seen[k]!.open();
  }
}

const http1Lockstep: Check = {
  requirement: 'WIRE-006',
  title: 'over HTTP/1.1, each write reaches the client before the handler makes the next (lockstep)',
  run: async (ctx) => {
    const runs = new RunTable<LockstepRun>();
    const judging = new Judging();
    await withWireServer(ctx, 'http1', lockstepRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(...lockstepArbitraries(), async (producer, parts) => {
          const run: LockstepRun = { producer, parts, seen: parts.map(() => gate()), stop: gate() };
          const path = runs.add(run);
          const expected = expectedPayload(parts);
          try {
            await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
              await stepThroughWrites(
                'HTTP/1.1',
                run,
                (needed, what) => exchange.waitFor((response) => response.payload.byteLength >= needed, LOCKSTEP_MS, what, ctx.signal),
                () => exchange.response.payload.byteLength,
              );
              const result = await exchange.finish(END_WAIT_MS, ctx.signal);
              // Counting bytes tells when a write arrived only if the bytes are the ones written: WIRE-004 judges that.
              if (!bytesEqual(result.response.payload, expected)) {
                judging.unmet('payload', 'WIRE-004', `over HTTP/1.1, lockstep writes (${describeParts(parts)}) arrived as ${excerpt(result.response.payload)}, not as written (${excerpt(expected)}), so when each arrived cannot be told from the bytes (WIRE-004 judges the payload)`);
                return;
              }
              judging.judge();
            });
          } finally {
            run.stop.open();
          }
        }),
        socketParameters(ctx, 10, { endOnFailure: true }),
      ),
    );
    judging.conclude();
  },
};

const http2Lockstep: Check = {
  requirement: 'WIRE-010',
  title: 'over HTTP/2, each write reaches the client before the handler makes the next (lockstep)',
  run: async (ctx) => {
    const runs = new RunTable<LockstepRun>();
    const judging = new Judging();
    await withWireServer(ctx, 'http2', lockstepRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(...lockstepArbitraries(), async (producer, parts) => {
          const run: LockstepRun = { producer, parts, seen: parts.map(() => gate()), stop: gate() };
          const path = runs.add(run);
          const expected = expectedPayload(parts);
          try {
            await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
              try {
                await stepThroughWrites(
                  'HTTP/2',
                  run,
                  (needed, what) => exchange.waitFor((state) => state.payload.byteLength >= needed, LOCKSTEP_MS, what, ctx.signal),
                  () => exchange.state.payload.byteLength,
                );
              } catch (error) {
                if (rejectedByClient(judging, exchange.state, `over HTTP/2, lockstep writes (${describeParts(parts)})`)) return;
                throw error;
              }
              const result = await exchange.finish(END_WAIT_MS, ctx.signal);
              // The exact payload and END_STREAM are WIRE-012's; bytes that are not the ones written cannot tell when a write arrived.
              if (!bytesEqual(result.payload, expected)) {
                judging.unmet('payload', 'WIRE-012', `over HTTP/2, lockstep writes (${describeParts(parts)}) arrived as ${excerpt(result.payload)} ending with ${describeH2End(result, END_WAIT_MS)}, not as written (${excerpt(expected)}), so when each arrived cannot be told from the bytes (WIRE-012 judges the payload)`);
                return;
              }
              judging.judge();
            });
          } finally {
            run.stop.open();
          }
        }),
        socketParameters(ctx, 10, { endOnFailure: true }),
      ),
    );
    judging.conclude();
  },
};

// WIRE-007 ------------------------------------------------------------------

interface FlushRun {
  flushInterval: number;
  part: WirePart;
  /** Opens (with `performance.now()`) when the handler made its write. */
  written: Gate<number>;
  /** Opens when the client has the write (or gave up): the handler closes then. */
  done: Gate;
  handlerError?: unknown;
}

/**
 * When the packet that completed the first `length` payload bytes arrived
 * (`performance.now()`), from the exchange's arrivals: the head may have come
 * with it or long before.
 */
function arrivalOfPayload(arrivals: readonly { atMs: number; bytes: Uint8Array }[], length: number, startedAt: number): number | undefined {
  for (let count = 1; count <= arrivals.length; count++) {
    const parsed = parseHttp1Response(arrivedBytes(arrivals.slice(0, count)));
    if (parsed.payload.byteLength >= length) return startedAt + arrivals[count - 1]!.atMs;
  }
  return undefined;
}

const flushIntervalBound: Check = {
  requirement: 'WIRE-007',
  title: `with flushInterval F and a large bufferSize, a write reaches the client within F + ${FLUSH_SLACK_MS} ms`,
  run: (ctx) => {
    const runs = new RunTable<FlushRun>();
    const route = async (c: Context) => {
      const run = runs.of(c);
      const stream = await c.createStream({ flushInterval: run.flushInterval, bufferSize: 1024 * 1024 });
      void (async () => {
        try {
          // After the handler returned the response, as a timer or an event writes; not after the head reached
          // the client: an implementation may send the head with the first write.
          await sleep(0);
          if (run.done.opened) return;
          run.written.open(performance.now());
          stream.write(writeArgument(run.part));
          await run.done.promise;
          stream.close();
        } catch (error) {
          run.handlerError = error;
        }
      })();
      return stream.response;
    };
    return withWireServer(ctx, 'http1', route, (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(flushIntervalMs(), wirePart(), async (flushInterval, part) => {
          const run: FlushRun = { flushInterval, part, written: gate<number>(), done: gate() };
          const path = runs.add(run);
          const length = partBytes(part).byteLength;
          const bound = flushInterval + FLUSH_SLACK_MS;
          const subject = `with createStream({ flushInterval: ${flushInterval}, bufferSize: 1048576 }), a write of ${length} bytes`;
          const thrown = (): string => (run.handlerError === undefined ? '' : ` (the handler's call threw: ${String(run.handlerError)})`);
          try {
            await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
              const startedAt = performance.now() - exchange.elapsedMs();
              const writtenAt = await within(run.written.promise, END_WAIT_MS, 'the write').catch(() => undefined);
              if (writtenAt === undefined) {
                throw new Mismatch(`${subject}: the handler never got to write within ${END_WAIT_MS} ms (createStream did not resolve, or the handler was not called)${thrown()}`);
              }
              const left = Math.max(0, writtenAt + bound + FLUSH_GRACE_MS - performance.now());
              const outcome = await exchange.waitFor((response) => response.payload.byteLength >= length, left, 'the write', ctx.signal).catch((error: unknown) => error);
              if (timedOut(outcome)) {
                throw new Mismatch(
                  `${subject} did not reach the client within ${bound + FLUSH_GRACE_MS} ms; the bound is ${flushInterval} + ${FLUSH_SLACK_MS} ms: the implementation waits for its buffer to fill or for close()${thrown()}`,
                );
              }
              if (outcome instanceof Error) throw outcome;
              const arrivedAt = arrivalOfPayload(exchange.arrivals, length, startedAt) ?? performance.now();
              const delay = arrivedAt - writtenAt;
              expectThat(
                delay <= bound,
                `${subject} reached the client after ${delay.toFixed(1)} ms; the bound is ${flushInterval} + ${FLUSH_SLACK_MS} = ${bound} ms (real time, measured on 127.0.0.1)`,
              );
            });
          } finally {
            run.done.open();
          }
        }),
        socketParameters(ctx, 8, { endOnFailure: true }),
      ),
    );
  },
};

// WIRE-008 ------------------------------------------------------------------

type DisconnectProducer = 'manual' | 'streamResponse' | 'sseResponse';

/** Values a WIRE-008 generator makes at once after the disconnect woke it: more than GEN-004's read-ahead bound. */
const VALUES_AFTER_DISCONNECT = 1024;

interface DisconnectRun {
  producer: DisconnectProducer;
  parts: string[];
  /** Opens when the handler returned its response, and (generators) when the implementation first pulled the generator. */
  ready: Gate;
  /** Gate k lets the generator make value k: 0 once ready, k when the client saw value k-1. */
  permits: Gate[];
  /** Opens when ctx.req.signal aborts: the generator then makes one more value. */
  wake: Gate;
  stop: Gate;
  /** Opens (with `performance.now()`) when `ctx.req.signal` aborts. */
  aborted: Gate<number>;
  /** Opens (with `performance.now()`) when the generator's `finally` runs. */
  finallyRan: Gate<number>;
}

function disconnectRoute(runs: RunTable<DisconnectRun>) {
  return async (ctx: Context) => {
    const run = runs.of(ctx);
    const signal = ctx.req.signal;
    // The abort also wakes the generator, which then makes one more value (as a generator waiting on
    // something that ends when the client leaves does); its return() must come next, so its finally runs.
    const onAbort = (): void => {
      run.aborted.open(performance.now());
      run.wake.open();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    if (run.producer === 'manual') {
      const stream = await ctx.createStream();
      for (const part of run.parts) stream.write(part);
      run.ready.open();
      return stream.response;
    }
    const source = (async function* () {
      try {
        // A generator that was never started has no finally to run: the client leaves only once it was pulled.
        run.ready.open();
        for (const [k, part] of run.parts.entries()) {
          if (!(await proceed(run.permits[k]!, run.stop))) return;
          yield part;
        }
        if (!(await proceed(run.wake, run.stop))) return;
        // Values ready at once, more than any read-ahead GEN-004 allows: an implementation that pulls
        // ahead of the body (spec §2.12) finds the generator suspended at a yield, where return() works.
        for (let k = 0; k < VALUES_AFTER_DISCONNECT; k++) yield 'after the disconnect';
        // Parked until the run ends: the implementation's return() must come first.
        await run.stop.promise;
      } finally {
        run.finallyRan.open(performance.now());
      }
    })();
    return run.producer === 'streamResponse' ? ctx.streamResponse(source) : ctx.sseResponse(source);
  };
}

const disconnectReachesHandler: Check = {
  requirement: 'WIRE-008',
  title: "a client that destroys its socket aborts ctx.req.signal and runs the generator's finally within 1 s",
  run: async (ctx) => {
    const runs = new RunTable<DisconnectRun>();
    const judging = new Judging();
    await withWireServer(ctx, 'http1', disconnectRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(
          fc.constantFrom<DisconnectProducer>('manual', 'streamResponse', 'sseResponse'),
          fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 2 }),
          async (producer, parts) => {
            // Values that never arrive once will not arrive for a later run either.
            if (parts.length > 0 && judging.known('delivery')) return;
            const run: DisconnectRun = {
              producer,
              parts,
              ready: gate(),
              permits: parts.map(() => gate()),
              wake: gate(),
              stop: gate(),
              aborted: gate<number>(),
              finallyRan: gate<number>(),
            };
            const path = runs.add(run);
            const subject = `a ${producer} stream (${parts.length} value(s) delivered) whose client destroyed its socket`;
            try {
              await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
                const ready = await within(run.ready.promise, END_WAIT_MS, 'ready').then(
                  () => true,
                  () => false,
                );
                if (!ready) {
                  const what = producer === 'manual' ? 'the handler did not return its response' : 'the implementation did not pull the generator';
                  judging.unmet('ready', 'WIRE-006', `${subject}: ${what} within ${END_WAIT_MS} ms of the request, so there was nothing to disconnect from (WIRE-006 judges delivery)`);
                  return;
                }
                run.permits[0]?.open();
                const lengths = parts.map((part) => part.length);
                for (let k = 0; k < parts.length; k++) {
                  const needed = lengths.slice(0, k + 1).reduce((a, b) => a + b, 0);
                  const arrived = await exchange
                    .waitFor(
                      (response) => (producer === 'sseResponse' ? clientView(response.payload).events.length > k : response.payload.byteLength >= needed),
                      END_WAIT_MS,
                      `value ${k + 1} (${parts[k]})`,
                      ctx.signal,
                    )
                    .catch((error: unknown) => error);
                  if (timedOut(arrived)) {
                    judging.unmet(
                      'delivery',
                      'WIRE-006',
                      `${subject}: value ${k + 1} (${parts[k]}) did not reach the client within ${END_WAIT_MS} ms, so the socket could not be destroyed mid-stream (WIRE-006 judges delivery)`,
                    );
                    return;
                  }
                  if (arrived instanceof Error) throw arrived;
                  if (k + 1 < parts.length) run.permits[k + 1]!.open();
                }
                // The head is not needed to leave, but an implementation may still be setting up its response until it sends it.
                await exchange.waitFor((response) => response.head !== undefined, HEAD_GRACE_MS, 'the response head', ctx.signal).catch(() => undefined);
                judging.judge();
                const destroyedAt = performance.now();
                exchange.destroy();
                const deadline = sleep(DISCONNECT_BOUND_MS).then(() => undefined);
                const [abortedAt, finallyAt] = await Promise.all([
                  Promise.race([run.aborted.promise, deadline]),
                  producer === 'manual' ? Promise.resolve(destroyedAt) : Promise.race([run.finallyRan.promise, deadline]),
                ]);
                expectThat(
                  abortedAt !== undefined,
                  `${subject}: ctx.req.signal did not abort within ${DISCONNECT_BOUND_MS} ms after the socket was destroyed (guide "Client Disconnection")`,
                );
                expectThat(
                  finallyAt !== undefined,
                  `${subject}: the generator's finally did not run within ${DISCONNECT_BOUND_MS} ms after the socket was destroyed (ctx.req.signal ${abortedAt === undefined ? 'did not abort either' : `aborted after ${(abortedAt - destroyedAt).toFixed(1)} ms`}): the generator's return() must be called when the client goes away`,
                );
              });
            } finally {
              run.stop.open();
            }
          },
        ),
        socketParameters(ctx, 10, { endOnFailure: true }),
      ),
    );
    judging.conclude();
  },
};

// WIRE-009 ------------------------------------------------------------------

function acceptEncoding(): fc.Arbitrary<string> {
  return fc.constantFrom('gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8, *;q=0.1', 'deflate');
}

function eventStreamRoute(runs: RunTable<{ producer: EventStreamProducer; events: string[] }>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    return produceEventStream(ctx, run.producer, run.events);
  };
}

/** The data of every event a WHATWG client dispatches from `payload`. */
function dispatchedData(payload: Uint8Array): string[] {
  return clientView(payload).events.map((event) => event.data);
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, index) => text === b[index]);
}

/**
 * No Content-Encoding, and no compressed payload under another name. A
 * payload that dispatches other events than were written but is not
 * compressed in any coding is a framing matter (SSE-004, SSE-018), not this
 * rule's.
 */
function judgeNoContentEncoding(protocol: string, producer: EventStreamProducer, accept: string, events: readonly string[], fields: readonly HeaderField[], payload: Uint8Array): void {
  const subject = `over ${protocol}, an event stream (${producer}, ${events.length} event(s)) requested with Accept-Encoding: ${accept}`;
  const encodings = fieldValues(fields, 'content-encoding');
  expectThat(
    encodings.length === 0,
    `${subject} carries Content-Encoding: ${encodings.join(', ')}: event streams must not be compressed (compressors hold events back until a block fills). Header fields: ${describeFields(fields)}`,
  );
  if (sameTexts(dispatchedData(payload), events)) return;
  const compressed = decompressedVariants(payload).find((variant) => sameTexts(dispatchedData(variant.bytes), events));
  expectThat(
    compressed === undefined,
    `${subject} carries no Content-Encoding, but its payload ${excerpt(payload)} is ${compressed?.coding ?? ''}-compressed (decompressed, it reads as the events written): event streams must not be compressed (compressors hold events back until a block fills)`,
  );
}

const noContentEncodingHttp1: Check = {
  requirement: 'WIRE-009',
  title: 'an event stream over HTTP/1.1 carries no Content-Encoding even when gzip is accepted',
  run: (ctx) => {
    const runs = new RunTable<{ producer: EventStreamProducer; events: string[] }>();
    return withWireServer(ctx, 'http1', eventStreamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(eventStreamProducer(), fc.array(wireEventText(), { minLength: 1, maxLength: 3 }), acceptEncoding(), async (producer, events, accept) => {
          const path = runs.add({ producer, events });
          await overHttp1(ctx, baseUrl, { path, headers: [['Accept-Encoding', accept]] }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            if (result.response.head === undefined) throw new Mismatch(`over HTTP/1.1, an event stream: ${describeHttp1End(result, END_WAIT_MS)}`);
            judgeNoContentEncoding('HTTP/1.1', producer, accept, events, result.response.head.fields, result.response.payload);
          });
        }),
        socketParameters(ctx, 10),
      ),
    );
  },
};

const noContentEncodingHttp2: Check = {
  requirement: 'WIRE-009',
  title: 'an event stream over HTTP/2 carries no Content-Encoding even when gzip is accepted',
  run: async (ctx) => {
    const runs = new RunTable<{ producer: EventStreamProducer; events: string[] }>();
    const judging = new Judging();
    await withWireServer(ctx, 'http2', eventStreamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(eventStreamProducer(), fc.array(wireEventText(), { minLength: 1, maxLength: 3 }), acceptEncoding(), async (producer, events, accept) => {
          const path = runs.add({ producer, events });
          await overHttp2(ctx, baseUrl, { path, headers: { 'accept-encoding': accept } }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            if (rejectedByClient(judging, result, `over HTTP/2, an event stream (${producer})`)) return;
            if (result.status === undefined) throw new Mismatch(`over HTTP/2, an event stream: ${describeH2End(result, END_WAIT_MS)}`);
            judging.judge();
            judgeNoContentEncoding('HTTP/2', producer, accept, events, result.fields, result.payload);
          });
        }),
        socketParameters(ctx, 10),
      ),
    );
    judging.conclude();
  },
};

// WIRE-011 ------------------------------------------------------------------

const http2NoConnectionFields: Check = {
  requirement: 'WIRE-011',
  title: 'a stream response over HTTP/2 carries no connection-specific fields',
  run: (ctx) => {
    const runs = new RunTable<{ producer: HopByHopProducer; parts: WirePart[] }>();
    const route = (c: Context) => {
      const run = runs.of(c);
      return produceAny(c, run.producer, run.parts);
    };
    return withWireServer(ctx, 'http2', route, (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(hopByHopProducer(), wireParts({ maxLength: 3 }), async (producer, parts) => {
          const path = runs.add({ producer, parts });
          await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            const subject = `over HTTP/2, a ${producer} response`;
            if (result.status === undefined) {
              const protocolError = result.rstCode === H2_PROTOCOL_ERROR;
              throw new Mismatch(
                `${subject}: ${describeH2End(result, END_WAIT_MS)} before any response headers${protocolError ? ` — ${h2ErrorName(H2_PROTOCOL_ERROR)} is how an HTTP/2 client rejects a malformed response, e.g. one with Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding or Upgrade (RFC 9113 §8.2.2)` : ''}`,
              );
            }
            const forbidden = result.fields.filter((field) => (CONNECTION_SPECIFIC_FIELDS as readonly string[]).includes(field.name.toLowerCase()));
            expectThat(
              forbidden.length === 0,
              `${subject} carries ${describeFields(forbidden)}: HTTP/2 forbids connection-specific fields (RFC 9113 §8.2.2). Header fields: ${describeFields(result.fields)}`,
            );
          });
        }),
        socketParameters(ctx, 12),
      ),
    );
  },
};

// WIRE-012 ------------------------------------------------------------------

const http2CleanEnd: Check = {
  requirement: 'WIRE-012',
  title: 'a finished stream over HTTP/2 ends with END_STREAM and the exact payload',
  run: async (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    const judging = new Judging();
    await withWireServer(ctx, 'http2', streamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(streamProducer(), wireParts(), async (producer, parts) => {
          const path = runs.add({ producer, parts });
          await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            if (rejectedByClient(judging, result, `over HTTP/2, ${streamCase(producer, parts)}`)) return;
            judging.judge();
            const expected = expectedPayload(parts);
            expectThat(
              result.end === 'end-stream',
              `over HTTP/2, ${streamCase(producer, parts)} ended with ${describeH2End(result, END_WAIT_MS)}: expected END_STREAM (RFC 9113 §8.1)`,
            );
            expectThat(
              bytesEqual(result.payload, expected),
              `over HTTP/2, ${streamCase(producer, parts)}: the DATA payload is ${excerpt(result.payload)} but the handler wrote ${excerpt(expected)}`,
            );
          });
        }),
        socketParameters(ctx, 12, { endOnFailure: true }),
      ),
    );
    judging.conclude();
  },
};

const http2ResetOnError: Check = {
  requirement: 'WIRE-012',
  title: 'a generator that throws resets the HTTP/2 stream (RST_STREAM), never END_STREAM',
  run: async (ctx) => {
    const runs = new RunTable<{ kind: GeneratorResponseKind; values: string[] }>();
    const judging = new Judging();
    await withWireServer(ctx, 'http2', failingGeneratorRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(generatorResponseKind(), fc.array(wireEventText(), { maxLength: 3 }), async (kind, values) => {
          const path = runs.add({ kind, values });
          await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            // A reset the client made itself, rejecting the response, says nothing about how the server ends a failed stream.
            if (rejectedByClient(judging, result, `over HTTP/2, a ${kind} whose generator threw`)) return;
            judging.judge();
            expectThat(
              result.end === 'reset',
              `over HTTP/2, a ${kind} whose generator yielded ${values.length} value(s) and then threw ended with ${describeH2End(result, END_WAIT_MS)}: expected RST_STREAM (RFC 9113 §6.4), so the client can tell the body was cut short`,
            );
          });
        }),
        socketParameters(ctx, 12, { endOnFailure: true }),
      ),
    );
    judging.conclude();
  },
};

// GEN-004 over a real socket ---------------------------------------------------

/** Bytes of each value the GEN-004 wire check's generator yields. */
const PULL_VALUE_BYTES = 1024;
/** The generator has at least this many values (128 MiB): far more than a socket holds. */
const PULL_MIN_VALUES = 128 * 1024;
/**
 * What an implementation may hold in its own buffers besides the socket's
 * (bytes): Node's writable buffer of the response (64 KiB by default), what a
 * bridge keeps before it waits for `drain` (the reference: 256 KiB), a
 * stream's `bufferSize`, a bounded read-ahead of some hundred values. A
 * drain has pulled past it within milliseconds.
 */
const PULL_USER_SPACE_BYTES = 4 * 1024 * 1024;
/** The settle: how often it looks at the pull count (ms), how long the count must stay still (ms), and the most it waits (ms). */
const PULL_POLL_MS = 50;
const PULL_QUIET_MS = 400;
const PULL_SETTLE_MS = 3000;

const PULL_BYTES = new Uint8Array(PULL_VALUE_BYTES).fill(0x61);
const PULL_TEXT = 'x'.repeat(PULL_VALUE_BYTES);

interface PullRun {
  kind: GeneratorResponseKind;
  /** How many values the generator has. */
  count: number;
  /** How many values the implementation asked the generator for so far. */
  pulls: number;
  stop: Gate;
}

/** How far ahead of a client that reads nothing a generator may be pulled over this machine's loopback (bytes). */
interface PullBound {
  bytes: number;
  /** What a loopback connection holds when its client stops reading (measured). */
  socket: number;
}

async function pullBound(): Promise<PullBound> {
  const { bytes } = await loopbackBuffering();
  // Twice the measured amount: the kernel autotunes its buffers, and the implementation's connection is not the measured one.
  return { socket: bytes, bytes: 2 * bytes + PULL_USER_SPACE_BYTES };
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Waits until `read()` stays the same for PULL_QUIET_MS (at most PULL_SETTLE_MS, or until it passes `beyond`); returns it. */
async function settledCount(read: () => number, beyond: number, signal: AbortSignal): Promise<number> {
  const started = performance.now();
  let last = read();
  let stillSince = started;
  while (performance.now() - started < PULL_SETTLE_MS && !signal.aborted && last <= beyond) {
    await sleep(PULL_POLL_MS);
    const now = read();
    if (now !== last) {
      last = now;
      stillSince = performance.now();
    } else if (performance.now() - stillSince >= PULL_QUIET_MS) {
      break;
    }
  }
  return read();
}

function pullRoute(runs: RunTable<PullRun>) {
  return (ctx: Context) => {
    const run = runs.of(ctx);
    const value = run.kind === 'streamResponse' ? PULL_BYTES : PULL_TEXT;
    const source = (async function* () {
      for (let index = 0; index < run.count && !run.stop.opened; index++) {
        run.pulls++;
        yield value;
      }
    })();
    switch (run.kind) {
      case 'streamResponse':
        return ctx.streamResponse(source);
      case 'chunkedResponse':
        return ctx.chunkedResponse(source);
      case 'sseResponse':
        return ctx.sseResponse(source);
    }
  };
}

/**
 * GEN-004 where it matters: a client on a real socket that stops reading.
 * The in-process bound (2 values) cannot hold here — the kernel's and Node's
 * buffers between the implementation and the client take megabytes — so the
 * bound is what this machine's loopback holds, measured, with room for the
 * implementation's own buffers; a drain goes through it at once.
 */
const pulledAsTheClientReads: Check = {
  requirement: 'GEN-004',
  profile: 'wire',
  title: 'over HTTP/1.1, a generator is pulled no further than the socket buffers take while the client reads nothing',
  run: async (ctx) => {
    const bound = await pullBound();
    const count = Math.max(PULL_MIN_VALUES, Math.ceil((8 * bound.bytes) / PULL_VALUE_BYTES));
    const runs = new RunTable<PullRun>();
    await withWireServer(ctx, 'http1', pullRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(generatorResponseKind(), async (kind) => {
          const run: PullRun = { kind, count, pulls: 0, stop: gate() };
          const path = runs.add(run);
          const exchange = await rawHttp1Request(baseUrl, { path, signal: ctx.signal });
          try {
            exchange.stopReadingWhen((response) => response.head !== undefined);
            const head = await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal).then(
              () => true,
              () => false,
            );
            if (!head) exchange.stopReadingWhen(() => true);
            const stoppedAt = performance.now();
            const pulled = await settledCount(() => run.pulls, Math.ceil(bound.bytes / PULL_VALUE_BYTES) + 1, ctx.signal);
            const waited = performance.now() - stoppedAt;
            const read = exchange.response.payload.byteLength;
            const ahead = pulled * PULL_VALUE_BYTES - read;
            if (ahead > bound.bytes) {
              ctx.recordTranscript(exchange.transcript());
              throw new Mismatch(
                `${kind} of a generator of ${count} values of ${PULL_VALUE_BYTES} bytes (${mib(count * PULL_VALUE_BYTES)}): the client ${head ? `read the response head and ${read} payload bytes` : `got no response head within ${END_WAIT_MS} ms`} and then nothing; when the suite counted (${waited.toFixed(0)} ms after the client stopped reading), the generator had been pulled for ${pulled} values (${mib(pulled * PULL_VALUE_BYTES)}), ${mib(ahead)} ahead of the client. At most ${mib(bound.bytes)} may be: twice the ${mib(bound.socket)} a loopback connection holds here when its client stops reading, plus ${mib(PULL_USER_SPACE_BYTES)} for the implementation's own buffers. The implementation drains the generator instead of pulling it as the client reads`,
              );
            }
          } finally {
            exchange.destroy();
            run.stop.open();
          }
        }),
        socketParameters(ctx, 3, { endOnFailure: true, perRunMs: 4000 }),
      ),
    );
  },
};

/** The wire checks: WIRE-001..012 and WIRE-017, and GEN-004 over a socket (WIRE-013..016 are the EventSource checks). */
export const wireChecks: Check[] = [
  http1Chunked,
  http1LastChunk,
  http1NoLastChunkOnError,
  http1PayloadExact,
  http1PayloadExactUnderBackPressure,
  http1HopByHopOnce,
  http1Lockstep,
  flushIntervalBound,
  disconnectReachesHandler,
  noContentEncodingHttp1,
  noContentEncodingHttp2,
  http2Lockstep,
  http2NoConnectionFields,
  http2CleanEnd,
  http2ResetOnError,
  http1EmptyWriteIsNotLastChunk,
  pulledAsTheClientReads,
];
