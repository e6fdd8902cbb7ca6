/**
 * Checks of area CLOSE: close, client departure and errors — guide "Client
 * Disconnection", "Real-time Chat"; spec §2.10–§2.13.
 */
import fc from 'fast-check';
import { responseKind } from '../arbitraries/generators.ts';
import type { WriteCall } from '../arbitraries/stream-calls.ts';
import { clientPace, streamCommands } from '../commands/arbitrary.ts';
import { describeWriteCall, invokeWriteCall } from '../commands/expected-bytes.ts';
import { runStreamModel } from '../commands/run-model.ts';
import { dataCall, describeCalls, expectBodyOf, invokeAll, kindAndCalls, lateCall, perKind, streamOptionsOf, type ManualStreamKind } from '../commands/stream-kind.ts';
import { describeError } from '../adapter/load.ts';
import { readBody } from '../drive/body.ts';
import { gate, startExchange, within } from '../drive/exchange.ts';
import { respondWithGenerator } from '../drive/generator-response.ts';
import { BODY_END_MS, mustNotThrow, mustThrow, readEndedBody } from '../drive/judge.ts';
import { describeCreateStream, openManualStream, type ClientSide, type OpenedStream } from '../drive/manual-stream.ts';
import { probeSource } from '../drive/probe-source.ts';
import { macrotaskTurns, settlesWithin } from '../drive/settle.ts';
import { watchStrayErrors } from '../drive/stray-errors.ts';
import { CheckBlocked, CheckUnimplemented, type Check, type CheckContext } from '../runner/check.ts';
import { bytesEqual } from '../bytes/bytes.ts';
import { sameToClient } from '../oracles/event-stream.ts';
import { escapeBytes } from '../bytes/escape.ts';
import { type ManualStreamUnderTest } from '../adapter/under-test.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

/**
 * The body of `calls` on a stream of `kind` closed once: the control run of
 * CLOSE-002/003, which judge that what comes after close() changes nothing
 * (how the calls themselves are sent, and that close() ends the body after
 * them, are STREAM-004's and CLOSE-001's rules: the implementation is its own
 * model). A control run that does not end normally blocks on CLOSE-001.
 */
async function closedOnceBody(ctx: CheckContext, kind: ManualStreamKind, calls: readonly WriteCall[]): Promise<Uint8Array> {
  const opened = await openManualStream(ctx.adapter, { streamOptions: streamOptionsOf(kind) });
  invokeAll(opened.stream, calls);
  mustNotThrow('close()', () => opened.stream.close());
  const what = `${describeSetup(kind, calls)}, close()`;
  const body = await readBody(await opened.head(what), { timeoutMs: BODY_END_MS, signal: ctx.signal });
  if (body.end !== 'clean') throw new CheckBlocked('CLOSE-001', `the control run (${what}) did not end normally: CLOSE-001's rule`);
  return body.bytes;
}

/** The judged run's body ends normally with the control run's bytes, or on an event stream what a client makes of them (see {@link closedOnceBody}). */
async function expectAsClosedOnce(ctx: CheckContext, response: Response, kind: ManualStreamKind, calls: readonly WriteCall[], what: string, rule: string): Promise<void> {
  const body = await readBody(response, { timeoutMs: BODY_END_MS, signal: ctx.signal });
  const control = await closedOnceBody(ctx, kind, calls);
  const evidence = { sent: body.bytes, eventStream: kind === 'event-stream' };
  if (body.end !== 'clean') {
    throw new Mismatch(`${what}: the body ${body.end === 'timeout' ? `did not end within ${BODY_END_MS} ms` : `ended ${body.end === 'error' ? `in error (${describeError(body.error)})` : 'without a body'}`}, though the same calls closed once end it normally; ${rule}`, evidence);
  }
  expectThat(
    kind === 'event-stream' ? sameToClient(body.bytes, control) : bytesEqual(body.bytes, control),
    `${what}: the body is "${escapeBytes(body.bytes)}", but the same calls closed once give "${escapeBytes(control)}"; ${rule}`,
    evidence,
  );
}

/** "Within 1 s" of spec §2. */
const PROMPTLY_MS = 1000;

/** How long a client that went away still waits for a response head it never got (there is then nothing to judge). */
const LEFT_HEAD_MS = 250;

/** How the client goes away. */
type Departure = 'request abort' | 'body cancel';

function departure(): fc.Arbitrary<Departure> {
  return fc.constantFrom<Departure>('request abort', 'body cancel');
}

/** `createStream({"contentType":"text/event-stream"}), writeSSE("a")` — the setup, for messages. */
function describeSetup(kind: ManualStreamKind, calls: readonly WriteCall[], extra?: Parameters<typeof streamOptionsOf>[1]): string {
  return `${describeCreateStream(streamOptionsOf(kind, extra))}, ${describeCalls(calls)}`;
}

/**
 * Makes the client go away, then lets the implementation notice (two
 * macrotask turns). A client whose response head has not arrived has no body
 * to cancel: it aborts its request, as a fetch client does. Returns what it did.
 */
async function goAway(how: Departure, client: ClientSide): Promise<Departure> {
  const response = client.arrived;
  let done: Departure = how;
  if (how === 'body cancel' && response !== undefined) {
    await within(response.body?.cancel() ?? Promise.resolve(), PROMPTLY_MS, 'body.cancel()').catch(() => {});
  } else {
    client.abortRequest(new Error('streamconform: the client went away'));
    done = 'request abort';
  }
  await macrotaskTurns(2);
  return done;
}

/** The client side of a generator response (its head is there). */
function clientOf(ex: { abortRequest(reason?: unknown): void; response: Response }): ClientSide {
  return { abortRequest: (reason) => ex.abortRequest(reason), arrived: ex.response };
}

/** An Error that says nothing does not tell the handler why its write failed. */
function expectClearError(error: Error, description: string): void {
  expectThat(error.message.trim().length > 0, `${description} threw ${error.name} with an empty message; the error must say that the stream ended`);
}

/** CLOSE-001: close delivers everything written before it, even when writes are coalesced, and ends the body. */
const closeFlushesAndEnds: Check = {
  requirement: 'CLOSE-001',
  title: 'close() delivers every byte written before it (coalesced or not, plain or event stream) and ends the body normally',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        kindAndCalls((kind) => fc.array(dataCall(kind), { maxLength: 6 })),
        fc.option(fc.record({ flushInterval: fc.constantFrom(0, 5, 60_000), bufferSize: fc.constantFrom(1, 16, 1 << 20) }), { nil: undefined }),
        async ({ kind, calls }, coalescing) => {
          const opened = await openManualStream(ctx.adapter, { streamOptions: streamOptionsOf(kind, coalescing) });
          invokeAll(opened.stream, calls);
          mustNotThrow('close()', () => opened.stream.close());
          const what = `${describeSetup(kind, calls, coalescing)}, close()`;
          const body = await readEndedBody(ctx, await opened.head(what), what, { eventStream: kind === 'event-stream' });
          expectBodyOf(body.bytes, calls, kind, what);
        },
      ),
    ),
};

/** CLOSE-002: further close() calls neither throw nor send anything. */
const secondCloseDoesNothing: Check = {
  requirement: 'CLOSE-002',
  title: 'a second close() neither throws nor sends anything (plain or event stream)',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(kindAndCalls((kind) => fc.array(dataCall(kind), { maxLength: 4 })), fc.integer({ min: 1, max: 3 }), fc.nat({ max: 2 }), async ({ kind, calls }, extraCloses, turns) => {
        const opened = await openManualStream(ctx.adapter, { streamOptions: streamOptionsOf(kind) });
        invokeAll(opened.stream, calls);
        mustNotThrow('close()', () => opened.stream.close());
        const setup = describeSetup(kind, calls);
        for (let index = 0; index < extraCloses; index++) {
          await macrotaskTurns(turns);
          mustNotThrow(`close() number ${index + 2}`, () => opened.stream.close(), `after ${setup}, close()`);
        }
        const what = `${setup}, close() ×${extraCloses + 1}`;
        await expectAsClosedOnce(ctx, await opened.head(what), kind, calls, what, 'a second close() must do nothing');
      }),
    ),
};

/** CLOSE-003: write, writeChunk and writeSSE after close() throw (synchronously) and send nothing. */
const writesAfterCloseThrow: Check = {
  requirement: 'CLOSE-003',
  title: 'write, writeChunk and writeSSE after close() throw an Error synchronously and send nothing (plain or event stream)',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        perKind((kind) => fc.record({ calls: fc.array(dataCall(kind), { maxLength: 3 }), late: fc.array(lateCall(kind), { minLength: 1, maxLength: 3 }) })),
        async ({ kind, calls, late }) => {
          const opened = await openManualStream(ctx.adapter, { streamOptions: streamOptionsOf(kind) });
          invokeAll(opened.stream, calls);
          mustNotThrow('close()', () => opened.stream.close());
          const before = `${describeSetup(kind, calls)}, close()`;
          for (const call of late) {
            const description = `${describeWriteCall(call)} after ${before}`;
            const error = mustThrow(description, () => invokeWriteCall(opened.stream, call), 'a write after close() must throw an Error synchronously and send nothing');
            expectClearError(error, description);
          }
          const what = `${before}, then ${late.map(describeWriteCall).join(', ')}`;
          await expectAsClosedOnce(ctx, await opened.head(before), kind, calls, what, 'writes after close() must send nothing');
        },
      ),
    ),
};

/** CLOSE-004: after the client went away (either way), every write throws. */
const writesAfterDepartureThrow: Check = {
  requirement: 'CLOSE-004',
  title: 'write, writeChunk and writeSSE throw after the request aborted or the body was cancelled (plain or event stream)',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        perKind((kind) => fc.record({ calls: fc.array(dataCall(kind), { maxLength: 3 }), late: fc.array(lateCall(kind), { minLength: 1, maxLength: 3 }) })),
        departure(),
        async ({ kind, calls, late }, how) => {
          const opened = await openManualStream(ctx.adapter, { streamOptions: streamOptionsOf(kind) });
          invokeAll(opened.stream, calls);
          const done = await goAway(how, opened);
          for (const call of late) {
            const description = `${describeWriteCall(call)} after ${describeSetup(kind, calls)} and a ${done}`;
            const error = mustThrow(description, () => invokeWriteCall(opened.stream, call), 'once the client went away, writes must throw synchronously (the chat example drops dead clients on that throw)');
            expectClearError(error, description);
          }
        },
      ),
    ),
};

/** CLOSE-005 / CLOSE-006: the client goes away from a generator response; the generator's finally must run within 1 s. */
function generatorReturned(requirement: 'CLOSE-005' | 'CLOSE-006', how: Departure): Check {
  return {
    requirement,
    title: `a ${how} makes the implementation return() the generator (its finally runs) within ${PROMPTLY_MS} ms`,
    run: (ctx) =>
      checkProperty(
        ctx,
        fc.asyncProperty(responseKind(), fc.nat({ max: 3 }), fc.boolean(), async (kind, reads, endless) => {
          const probe = probeSource({ value: (index) => `value ${index}\n`, yieldToEventLoop: true, ...(endless ? {} : { count: 50 }) });
          const ex = await respondWithGenerator(ctx.adapter, kind, probe.iterable, probe.description);
          const what = `${kind}(${probe.description}), ${reads} reads, then a ${how}`;
          if (reads > 0) {
            const reader = ex.response.body?.getReader();
            for (let index = 0; index < reads && reader; index++) {
              await within(reader.read(), PROMPTLY_MS, 'a read').catch((error: unknown) => {
                throw new Mismatch(`${what}: read ${index + 1} failed: ${describeError(error)}`);
              });
            }
            if (how === 'body cancel') await within(reader?.cancel() ?? Promise.resolve(), PROMPTLY_MS, 'cancel').catch(() => {});
            else {
              reader?.releaseLock();
              ex.abortRequest(new Error('streamconform: the client went away'));
            }
          } else {
            await goAway(how, clientOf(ex));
          }
          // A generator that was never pulled has no finally to run; return() is what is asked of the implementation.
          const done = probe.pulls > 0 ? probe.finallyRan : probe.stopped;
          const ran = await within(done.promise.then(() => true), PROMPTLY_MS, 'finally').catch(() => false);
          expectThat(
            ran,
            probe.pulls > 0
              ? `${what}: the generator (pulled ${probe.pulls} times) did not run its finally within ${PROMPTLY_MS} ms; the implementation must call its return() when the client goes away`
              : `${what}: return() was not called on the generator (never pulled) within ${PROMPTLY_MS} ms; the implementation must call it when the client goes away`,
          );
        }),
      ),
  };
}

/** CLOSE-007: the handler's ctx.req.signal aborts when the client goes away. */
const handlerSeesAbort: Check = {
  requirement: 'CLOSE-007',
  title: 'ctx.req.signal aborts, and its abort listener runs, when the client goes away',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.constantFrom('createStream', 'streamResponse', 'sseResponse'), fc.nat({ max: 2 }), async (kind, turns) => {
        const heard = gate();
        const returned = gate();
        let signal: unknown;
        let stream: ManualStreamUnderTest | undefined;
        // The abort is judged, not the response: the client leaves once the handler returned, head or no head.
        const pending = startExchange(ctx.adapter, async (handlerCtx) => {
          try {
            signal = handlerCtx.req?.signal;
            if (signal instanceof AbortSignal) signal.addEventListener('abort', () => heard.open(), { once: true });
            if (kind === 'createStream') {
              stream = await handlerCtx.createStream();
              return stream.response;
            }
            const endless = probeSource({ value: (index) => `${index}`, yieldToEventLoop: true });
            return handlerCtx[kind](endless.iterable);
          } finally {
            returned.open();
          }
        });
        try {
          await within(returned.promise, 2000, 'the handler').catch((error: unknown) => {
            throw new Mismatch(`a handler using ${kind} did not return: ${describeError(error)}`);
          });
          expectThat(signal instanceof AbortSignal, `ctx.req.signal is ${Object.prototype.toString.call(signal)}, not an AbortSignal; handlers clean up through it`);
          await macrotaskTurns(turns);
          pending.abortRequest(new Error('streamconform: the client went away'));
          const fired = await within(heard.promise.then(() => true), PROMPTLY_MS, 'abort').catch(() => false);
          expectThat(fired && (signal as AbortSignal).aborted, `the request was aborted, but the handler's ctx.req.signal (${kind}) did not fire 'abort' within ${PROMPTLY_MS} ms`);
        } finally {
          try {
            stream?.close();
          } catch {
            // Cleanup only: CLOSE-008 judges close() after the client left.
          }
          void pending.response.then(
            (response) => response.body?.cancel().catch(() => {}),
            () => {},
          );
        }
      }),
    ),
};

/** CLOSE-008: close() after the client went away neither throws nor sends anything. */
const closeAfterDepartureDoesNothing: Check = {
  requirement: 'CLOSE-008',
  title: 'close() after the request aborted or the body was cancelled neither throws nor sends anything (plain or event stream)',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(kindAndCalls((kind) => fc.array(dataCall(kind, { maxLength: 8 }), { maxLength: 3 })), departure(), fc.integer({ min: 1, max: 2 }), async ({ kind, calls }, how, closes) => {
        const opened = await openManualStream(ctx.adapter, { streamOptions: streamOptionsOf(kind) });
        invokeAll(opened.stream, calls);
        const done = await goAway(how, opened);
        const what = `${describeSetup(kind, calls)}, a ${done}, close() ×${closes}`;
        for (let index = 0; index < closes; index++) mustNotThrow(`close() number ${index + 1} after a ${done}`, () => opened.stream.close(), what);
        if (done === 'body cancel') return;
        // A client that left before the head came may never get one: then nothing was sent.
        const response = opened.arrived ?? (await within(opened.response, LEFT_HEAD_MS, 'the head').catch(() => undefined));
        if (response === undefined) return;
        const body = await readBody(response, { timeoutMs: BODY_END_MS, signal: ctx.signal });
        expectThat(body.end !== 'timeout', `${what}: the body did not end within ${BODY_END_MS} ms`, { sent: body.bytes, eventStream: kind === 'event-stream' });
        expectBodyOf(body.bytes, calls, kind, `${what} (the body may stop anywhere, but holds nothing but what was written)`, { allowPrefix: true });
      }),
    ),
};

/**
 * Runs `run` and judges only what CLOSE-009 is about: the stray errors it
 * provoked. A difference `run` found (bytes, an invalid write accepted) is
 * another requirement's rule (STREAM-006, STREAM-010, CLOSE-003, …) and is not
 * judged here; anything else it threw (the suite's own errors) is passed on.
 */
async function failOnStrayErrors(run: () => Promise<void>): Promise<void> {
  const watch = watchStrayErrors();
  let failure: unknown;
  try {
    await run();
  } catch (error) {
    failure = error;
  }
  const stray = await watch.stop();
  if (stray.length > 0) {
    const first = stray[0]!;
    throw new Mismatch(`the implementation raised ${stray.length} ${first.kind === 'unhandledRejection' ? 'unhandled rejection(s)' : 'uncaught exception(s)'}; first: ${describeError(first.error)}`);
  }
  if (failure !== undefined && !(failure instanceof Mismatch) && !(failure instanceof CheckBlocked)) throw failure;
}

/** CLOSE-009: the model's sequences, invalid writes included, leave no unhandled rejection or uncaught exception. */
const noStrayErrorsFromStreams: Check = {
  requirement: 'CLOSE-009',
  title: 'no sequence of writes, invalid writes, closes, aborts and cancels, on a plain or an event stream, causes an unhandled rejection or uncaught exception',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        perKind((kind) => fc.record({ commands: streamCommands({ invalidWrites: true, kind }) })),
        clientPace(),
        async ({ kind, commands }, pace) => {
          await failOnStrayErrors(() => runStreamModel(ctx, commands, pace, streamOptionsOf(kind)));
        },
      ),
    ),
};

/** CLOSE-009: generators that throw (in their body or their finally) or never end, with clients that read, cancel or abort, leave no stray error. */
const noStrayErrorsFromGenerators: Check = {
  requirement: 'CLOSE-009',
  title: 'generators that throw (in their body or their finally) or never end, with clients that read, cancel or abort, cause no unhandled rejection',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        responseKind(),
        fc.constantFrom('throws', 'endless', 'finite', 'endless, finally throws', 'finite, finally throws'),
        fc.constantFrom<'read' | Departure>('read', 'request abort', 'body cancel'),
        fc.nat({ max: 3 }),
        async (kind, behaviour, client, reads) => {
          await failOnStrayErrors(async () => {
            const probe = probeSource({
              value: (index) => `${index}\n`,
              yieldToEventLoop: true,
              ...(behaviour === 'throws' ? { throwAt: reads } : behaviour.startsWith('finite') ? { count: reads + 1 } : {}),
              ...(behaviour.endsWith('finally throws') ? { throwInFinally: true } : {}),
            });
            const ex = await respondWithGenerator(ctx.adapter, kind, probe.iterable, probe.description);
            if (client === 'read') {
              await readBody(ex.response, { timeoutMs: 500, signal: ctx.signal, maxBytes: 64 });
            } else {
              await goAway(client, clientOf(ex));
              await readBody(ex.response, { timeoutMs: 200, signal: ctx.signal }).catch(() => {});
            }
          });
        },
      ),
    ),
};

/** CLOSE-010 (SHOULD): `closed` pends while open and resolves once the stream ended, whatever ended it. */
const closedPromise: Check = {
  requirement: 'CLOSE-010',
  title: 'stream.closed pends while the stream is open and resolves after close(), a request abort or a body cancel (plain or event stream)',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        fc.constantFrom<'close()' | Departure>('close()', 'request abort', 'body cancel'),
        kindAndCalls((kind) => fc.array(dataCall(kind, { maxLength: 8 }), { maxLength: 2 })),
        async (ending, { kind, calls }) => {
          const opened = await openManualStream(ctx.adapter, { streamOptions: streamOptionsOf(kind) });
          const { stream } = opened;
          if (!('closed' in stream) || stream.closed === undefined) throw new CheckUnimplemented('closed', 'the manual stream has no closed promise (an optional capability, spec §2a): not judged');
          const closed = stream.closed;
          invokeAll(stream, calls);
          const setup = describeSetup(kind, calls);
          const early = await settlesWithin(closed, 3);
          expectThat(!early.settled, `stream.closed settled while the stream was open (after ${setup})`);
          const done = ending === 'close()' ? ending : await goAway(ending, opened);
          if (done === 'close()') mustNotThrow('close()', () => stream.close());
          const outcome = await within(
            Promise.resolve(closed).then(
              () => 'resolved',
              (error: unknown) => `rejected with ${describeError(error)}`,
            ),
            PROMPTLY_MS,
            'closed',
          ).catch(() => `still pending after ${PROMPTLY_MS} ms`);
          expectThat(outcome === 'resolved', `stream.closed ${outcome} after ${setup} and ${done}; it must resolve once the stream ended`);
          if (done === 'close()') await readEndedBody(ctx, await opened.head(`${setup}, close()`), `${setup}, close()`);
        },
      ),
    ),
};

export const closeChecks: Check[] = [
  closeFlushesAndEnds,
  secondCloseDoesNothing,
  writesAfterCloseThrow,
  writesAfterDepartureThrow,
  generatorReturned('CLOSE-005', 'body cancel'),
  generatorReturned('CLOSE-006', 'request abort'),
  handlerSeesAbort,
  closeAfterDepartureDoesNothing,
  noStrayErrorsFromStreams,
  noStrayErrorsFromGenerators,
  closedPromise,
];

