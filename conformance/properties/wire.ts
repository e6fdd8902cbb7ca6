/**
 * WIRE-001..012: what crosses a real socket on 127.0.0.1, over HTTP/1.1
 * (the adapter's `listen`) and HTTP/2 cleartext (`listenHttp2`). Each check
 * starts ONE server and sends one request per property run; the route reads
 * its run's instructions from a table keyed by `?run=N`. Every failure
 * attaches the byte transcript (packet boundaries and arrival times).
 *
 * Spec: DESIGN §3 "On the wire"; RFC 9112 §6.1, §7.1; RFC 9113 §8.1, §8.2.2.
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
  type EventStreamProducer,
  type GeneratorResponseKind,
  type StreamProducer,
  type WirePart,
} from '../arbitraries/wire.ts';
import { bytesEqual } from '../drive/body.ts';
import { escapeText } from '../drive/escape.ts';
import { gate, type Gate } from '../drive/exchange.ts';
import { clientView } from '../oracles/event-stream.ts';
import type { Check, CheckContext, Context } from '../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';
import { describeDifference, describeFields, describeH2End, describeHttp1End, describeParts, excerpt } from '../wire/describe.ts';
import { WireWaitError } from '../wire/errors.ts';
import { H2_PROTOCOL_ERROR, h2ErrorName, h2Request, type H2Exchange } from '../wire/h2-client.ts';
import { fieldValues, type HeaderField } from '../wire/http1-parse.ts';
import { expectedPayload, partBytes, produceEventStream, produceFailingGenerator, produceStream } from '../wire/produce.ts';
import { rawHttp1Request, type RawHttp1Exchange, type RawHttp1Request } from '../wire/raw-http1.ts';
import { arrivedBytes } from '../wire/transcript.ts';
import { RunTable, withWireServer } from '../wire/wire-server.ts';

/** How long one exchange may take to end (ms). */
const END_WAIT_MS = 2000;
/** How long a lockstep write may take to reach the client (ms). */
const LOCKSTEP_MS = 1000;
/** The disconnect bound of WIRE-008 (ms). */
const DISCONNECT_BOUND_MS = 1000;
/** The slack of WIRE-007 over `flushInterval` (ms). */
const FLUSH_SLACK_MS = 250;
/** How long WIRE-007 keeps waiting past the bound, to say how late a write was (ms). */
const FLUSH_GRACE_MS = 1000;

/** Fields HTTP/2 forbids in any message (RFC 9113 §8.2.2). */
const CONNECTION_SPECIFIC_FIELDS = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'] as const;

/**
 * fast-check parameters of a socket check: at most `maxRuns` runs (each opens
 * a connection); `endOnFailure` for checks whose failing runs cost a wait.
 */
function socketParameters(ctx: CheckContext, maxRuns: number, endOnFailure = false): Partial<fc.Parameters<unknown>> {
  return { numRuns: Math.min(ctx.fcParameters.numRuns ?? 100, maxRuns), ...(endOnFailure ? { endOnFailure: true } : {}) };
}

/** Runs `use` on a raw HTTP/1.1 exchange; on failure, records its transcript. Always destroys the socket. */
async function overHttp1<T>(ctx: CheckContext, baseUrl: string, request: RawHttp1Request, use: (exchange: RawHttp1Exchange) => Promise<T>): Promise<T> {
  const exchange = await rawHttp1Request(baseUrl, { ...request, signal: ctx.signal });
  try {
    return await use(exchange);
  } catch (error) {
    ctx.recordTranscript(exchange.transcript());
    throw asMismatch(error, arrivedBytes(exchange.arrivals), 'HTTP/1.1');
  } finally {
    exchange.destroy();
  }
}

/** Runs `use` on an h2c exchange; on failure, records its DATA transcript. Always destroys the session. */
async function overHttp2<T>(
  ctx: CheckContext,
  baseUrl: string,
  request: { path: string; headers?: Record<string, string> },
  use: (exchange: H2Exchange) => Promise<T>,
): Promise<T> {
  const exchange = await h2Request(baseUrl, { ...request, signal: ctx.signal });
  try {
    return await use(exchange);
  } catch (error) {
    ctx.recordTranscript(exchange.transcript());
    throw asMismatch(error, exchange.state.payload, 'HTTP/2');
  } finally {
    exchange.destroy();
  }
}

/** A wait that failed becomes a mismatch carrying the bytes that did arrive. */
function asMismatch(error: unknown, sent: Uint8Array, protocol: string): unknown {
  if (error instanceof Mismatch) return error.evidence.sent ? error : new Mismatch(error.message, { ...error.evidence, sent });
  if (error instanceof WireWaitError) return new Mismatch(`over ${protocol}, ${error.message}`, { sent });
  return error;
}

/** Resolves true when `go` opens, false when `stop` opens first. */
function proceed(go: Gate, stop: Gate): Promise<boolean> {
  return Promise.race([go.promise.then(() => true), stop.promise.then(() => false)]);
}

function writeArgument(part: WirePart): string | Uint8Array {
  return part.kind === 'text' ? part.text : part.bytes;
}

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
            const { head } = await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal);
            const codings = fieldValues(head!.fields, 'transfer-encoding').flatMap((value) => value.split(',').map((coding) => coding.trim().toLowerCase()));
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
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    return withWireServer(ctx, 'http1', streamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(streamProducer(), wireParts(), async (producer, parts) => {
          const path = runs.add({ producer, parts });
          await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            const how = producer === 'generator' ? 'the generator finished' : 'close()';
            expectThat(
              result.end === 'complete' && result.response.lastChunk,
              `over HTTP/1.1, ${streamCase(producer, parts)} ended with ${describeHttp1End(result, END_WAIT_MS)} after ${how}: expected the last chunk 0\\r\\n\\r\\n (RFC 9112 §7.1)`,
            );
          });
        }),
        socketParameters(ctx, 15, true),
      ),
    );
  },
};

// WIRE-003 ------------------------------------------------------------------

const http1NoLastChunkOnError: Check = {
  requirement: 'WIRE-003',
  title: 'a generator that throws ends the HTTP/1.1 body without the last chunk, by closing the connection',
  run: (ctx) => {
    const runs = new RunTable<{ kind: GeneratorResponseKind; values: string[] }>();
    const route = failingGeneratorRoute(runs);
    return withWireServer(ctx, 'http1', route, (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(generatorResponseKind(), fc.array(wireEventText(), { maxLength: 3 }), async (kind, values) => {
          const path = runs.add({ kind, values });
          await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            const subject = `over HTTP/1.1, a ${kind} whose generator yielded ${values.length} value(s) and then threw`;
            expectThat(
              !result.response.lastChunk && result.end !== 'malformed',
              `${subject} ended with ${describeHttp1End(result, END_WAIT_MS)}: after an error the last chunk must not be sent, or the client takes a truncated body for a complete one (RFC 9112 §7.1, §8)`,
            );
            expectThat(
              result.end === 'closed',
              `${subject} ended with ${describeHttp1End(result, END_WAIT_MS)}: expected the connection to close without the last chunk, so the client sees an incomplete body`,
            );
          });
        }),
        socketParameters(ctx, 12, true),
      ),
    );
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
        socketParameters(ctx, 3, true),
      ),
    );
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
            expectThat(
              te.length === 1 && te[0]!.trim().toLowerCase() === 'chunked',
              `${subject} carries ${te.length} Transfer-Encoding field line(s) (${te.map((value) => `"${escapeText(value)}"`).join(', ') || 'none'}): expected exactly one, "chunked" (RFC 9112 §6.1; a duplicated coding reads as chunked twice). Header fields: ${describeFields(fields)}`,
            );
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
    if (outcome instanceof WireWaitError && outcome.code === 'WIRE_TIMEOUT') {
      throw new Mismatch(lockstepMessage(protocol, run, k, arrivedBytes(), needed));
    }
    if (outcome instanceof Error) throw outcome;
    run.seen[k]!.open();
  }
}

const http1Lockstep: Check = {
  requirement: 'WIRE-006',
  title: 'over HTTP/1.1, each write reaches the client before the handler makes the next (lockstep)',
  run: (ctx) => {
    const runs = new RunTable<LockstepRun>();
    return withWireServer(ctx, 'http1', lockstepRoute(runs), (baseUrl) =>
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
              expectThat(
                bytesEqual(result.response.payload, expected),
                `over HTTP/1.1, lockstep writes (${describeParts(parts)}) arrived as ${excerpt(result.response.payload)}, expected ${excerpt(expected)}`,
              );
            });
          } finally {
            run.stop.open();
          }
        }),
        socketParameters(ctx, 10, true),
      ),
    );
  },
};

const http2Lockstep: Check = {
  requirement: 'WIRE-010',
  title: 'over HTTP/2, each write reaches the client before the handler makes the next (lockstep)',
  run: (ctx) => {
    const runs = new RunTable<LockstepRun>();
    return withWireServer(ctx, 'http2', lockstepRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(...lockstepArbitraries(), async (producer, parts) => {
          const run: LockstepRun = { producer, parts, seen: parts.map(() => gate()), stop: gate() };
          const path = runs.add(run);
          const expected = expectedPayload(parts);
          try {
            await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
              await stepThroughWrites(
                'HTTP/2',
                run,
                (needed, what) => exchange.waitFor((state) => state.payload.byteLength >= needed, LOCKSTEP_MS, what, ctx.signal),
                () => exchange.state.payload.byteLength,
              );
              const result = await exchange.finish(END_WAIT_MS, ctx.signal);
              expectThat(
                result.end === 'end-stream' && bytesEqual(result.payload, expected),
                `over HTTP/2, lockstep writes (${describeParts(parts)}) arrived as ${excerpt(result.payload)} ending with ${describeH2End(result, END_WAIT_MS)}; expected ${excerpt(expected)} and END_STREAM`,
              );
            });
          } finally {
            run.stop.open();
          }
        }),
        socketParameters(ctx, 10, true),
      ),
    );
  },
};

// WIRE-007 ------------------------------------------------------------------

interface FlushRun {
  flushInterval: number;
  part: WirePart;
  /** Opens when the client has the response head: the handler writes then. */
  headSeen: Gate;
  /** Opens when the client has the write (or gave up): the handler closes then. */
  done: Gate;
  writtenAt?: number;
  handlerError?: unknown;
}

const flushIntervalBound: Check = {
  requirement: 'WIRE-007',
  title: 'with flushInterval F and a large bufferSize, a write reaches the client within F + 250 ms',
  run: (ctx) => {
    const runs = new RunTable<FlushRun>();
    const route = async (c: Context) => {
      const run = runs.of(c);
      const stream = await c.createStream({ flushInterval: run.flushInterval, bufferSize: 1024 * 1024 });
      void (async () => {
        try {
          await run.headSeen.promise;
          if (run.done.opened) return;
          run.writtenAt = performance.now();
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
          const run: FlushRun = { flushInterval, part, headSeen: gate(), done: gate() };
          const path = runs.add(run);
          const length = partBytes(part).byteLength;
          const bound = flushInterval + FLUSH_SLACK_MS;
          try {
            await overHttp1(ctx, baseUrl, { path }, async (exchange) => {
              await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal);
              let arrivedAt: number | undefined;
              run.headSeen.open();
              const outcome = await exchange
                .waitFor(
                  (response) => {
                    if (response.payload.byteLength >= length) arrivedAt ??= performance.now();
                    return arrivedAt !== undefined;
                  },
                  bound + FLUSH_GRACE_MS,
                  'the write',
                  ctx.signal,
                )
                .catch((error: unknown) => error);
              const subject = `with createStream({ flushInterval: ${flushInterval}, bufferSize: 1048576 }), a write of ${length} bytes`;
              const thrown = run.handlerError === undefined ? '' : ` (the handler's call threw: ${String(run.handlerError)})`;
              if (outcome instanceof WireWaitError && outcome.code === 'WIRE_TIMEOUT') {
                throw new Mismatch(
                  `${subject} did not reach the client within ${bound + FLUSH_GRACE_MS} ms; the bound is ${flushInterval} + ${FLUSH_SLACK_MS} ms: the implementation waits for its buffer to fill or for close()${thrown}`,
                );
              }
              if (outcome instanceof Error) throw outcome;
              const delay = arrivedAt! - run.writtenAt!;
              expectThat(
                delay <= bound,
                `${subject} reached the client after ${delay.toFixed(1)} ms; the bound is ${flushInterval} + ${FLUSH_SLACK_MS} = ${bound} ms (real time, measured on 127.0.0.1)`,
              );
            });
          } finally {
            run.done.open();
            run.headSeen.open();
          }
        }),
        socketParameters(ctx, 8, true),
      ),
    );
  },
};

// WIRE-008 ------------------------------------------------------------------

type DisconnectProducer = 'manual' | 'streamResponse' | 'sseResponse';

interface DisconnectRun {
  producer: DisconnectProducer;
  parts: string[];
  /** Gate k lets the generator make value k: 0 when the head arrived, k when the client saw value k-1. */
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
      return stream.response;
    }
    const source = (async function* () {
      try {
        for (const [k, part] of run.parts.entries()) {
          if (!(await proceed(run.permits[k]!, run.stop))) return;
          yield part;
        }
        if (!(await proceed(run.wake, run.stop))) return;
        yield 'after the disconnect';
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
  run: (ctx) => {
    const runs = new RunTable<DisconnectRun>();
    return withWireServer(ctx, 'http1', disconnectRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(
          fc.constantFrom<DisconnectProducer>('manual', 'streamResponse', 'sseResponse'),
          fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 2 }),
          async (producer, parts) => {
            const run: DisconnectRun = {
              producer,
              parts,
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
                await exchange.waitFor((response) => response.head !== undefined, END_WAIT_MS, 'the response head', ctx.signal);
                run.permits[0]?.open();
                const lengths = parts.map((part) => part.length);
                for (let k = 0; k < parts.length; k++) {
                  const needed = lengths.slice(0, k + 1).reduce((a, b) => a + b, 0);
                  await exchange.waitFor(
                    (response) => (producer === 'sseResponse' ? clientView(response.payload).events.length > k : response.payload.byteLength >= needed),
                    END_WAIT_MS,
                    `value ${k + 1} (${parts[k]})`,
                    ctx.signal,
                  );
                  if (k + 1 < parts.length) run.permits[k + 1]!.open();
                }
                const destroyedAt = performance.now();
                exchange.destroy();
                const deadline = new Promise<undefined>((resolve) => setTimeout(resolve, DISCONNECT_BOUND_MS, undefined));
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
        socketParameters(ctx, 10, true),
      ),
    );
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

function judgeNoContentEncoding(protocol: string, producer: EventStreamProducer, accept: string, events: readonly string[], fields: readonly HeaderField[], payload: Uint8Array): void {
  const subject = `over ${protocol}, an event stream (${producer}, ${events.length} event(s)) requested with Accept-Encoding: ${accept}`;
  const encodings = fieldValues(fields, 'content-encoding');
  expectThat(
    encodings.length === 0,
    `${subject} carries Content-Encoding: ${encodings.join(', ')}: event streams must not be compressed (compressors hold events back until a block fills). Header fields: ${describeFields(fields)}`,
  );
  const dispatched = clientView(payload).events.map((event) => event.data);
  expectThat(
    dispatched.length === events.length && dispatched.every((data, index) => data === events[index]),
    `${subject}: a WHATWG client read ${JSON.stringify(dispatched)} from the payload ${excerpt(payload)}, expected ${JSON.stringify(events)}`,
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
  run: (ctx) => {
    const runs = new RunTable<{ producer: EventStreamProducer; events: string[] }>();
    return withWireServer(ctx, 'http2', eventStreamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(eventStreamProducer(), fc.array(wireEventText(), { minLength: 1, maxLength: 3 }), acceptEncoding(), async (producer, events, accept) => {
          const path = runs.add({ producer, events });
          await overHttp2(ctx, baseUrl, { path, headers: { 'accept-encoding': accept } }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            if (result.status === undefined) throw new Mismatch(`over HTTP/2, an event stream: ${describeH2End(result, END_WAIT_MS)}`);
            judgeNoContentEncoding('HTTP/2', producer, accept, events, result.fields, result.payload);
          });
        }),
        socketParameters(ctx, 10),
      ),
    );
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
  run: (ctx) => {
    const runs = new RunTable<{ producer: StreamProducer; parts: WirePart[] }>();
    return withWireServer(ctx, 'http2', streamRoute(runs), (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(streamProducer(), wireParts(), async (producer, parts) => {
          const path = runs.add({ producer, parts });
          await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
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
        socketParameters(ctx, 12, true),
      ),
    );
  },
};

const http2ResetOnError: Check = {
  requirement: 'WIRE-012',
  title: 'a generator that throws resets the HTTP/2 stream (RST_STREAM), never END_STREAM',
  run: (ctx) => {
    const runs = new RunTable<{ kind: GeneratorResponseKind; values: string[] }>();
    const route = failingGeneratorRoute(runs);
    return withWireServer(ctx, 'http2', route, (baseUrl) =>
      checkProperty(
        ctx,
        fc.asyncProperty(generatorResponseKind(), fc.array(wireEventText(), { maxLength: 3 }), async (kind, values) => {
          const path = runs.add({ kind, values });
          await overHttp2(ctx, baseUrl, { path }, async (exchange) => {
            const result = await exchange.finish(END_WAIT_MS, ctx.signal);
            expectThat(
              result.end === 'reset',
              `over HTTP/2, a ${kind} whose generator yielded ${values.length} value(s) and then threw ended with ${describeH2End(result, END_WAIT_MS)}: expected RST_STREAM (RFC 9113 §6.4), so the client can tell the body was cut short`,
            );
          });
        }),
        socketParameters(ctx, 12, true),
      ),
    );
  },
};

/** The wire checks of WIRE-001..012 (WIRE-013..016 are the EventSource checks). */
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
];
