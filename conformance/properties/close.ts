/**
 * Checks of area CLOSE: close, client departure and errors — guide "Client
 * Disconnection", "Real-time Chat"; DESIGN §3 "Close, abort, errors".
 */
import fc from 'fast-check';
import { responseKind } from '../arbitraries/generators.ts';
import { anyWriteCall, writeData } from '../arbitraries/stream-calls.ts';
import { clientPace, streamCommands } from '../commands/arbitrary.ts';
import { describeCall, describeWriteCall, invokeWriteCall } from '../commands/expected-bytes.ts';
import { runStreamModel } from '../commands/run-model.ts';
import { describeError } from '../adapter/load.ts';
import { bytesEqual, concatBytes, readBody, utf8 } from '../drive/body.ts';
import { escapeBytes } from '../drive/escape.ts';
import { exchange, gate, within, type Exchange } from '../drive/exchange.ts';
import { respondWithGenerator } from '../drive/generator-response.ts';
import { BODY_END_MS, expectBytes, mustNotThrow, mustThrow, readEndedBody } from '../drive/judge.ts';
import { openManualStream, type OpenedStream } from '../drive/manual-stream.ts';
import { probeSource } from '../drive/probe-source.ts';
import { macrotaskTurns, settlesWithin } from '../drive/settle.ts';
import { watchStrayErrors } from '../drive/stray-errors.ts';
import type { Check } from '../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

/** "Within 1 s" of DESIGN §3. */
const PROMPTLY_MS = 1000;

/** How the client goes away. */
type Departure = 'request abort' | 'body cancel';

function departure(): fc.Arbitrary<Departure> {
  return fc.constantFrom<Departure>('request abort', 'body cancel');
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? utf8(data) : data;
}

function describeWrites(data: readonly (string | Uint8Array)[]): string {
  return data.length === 0 ? 'no write' : data.map((item) => describeCall('write', [item])).join(', ');
}

function writeAll(stream: OpenedStream['stream'], data: readonly (string | Uint8Array)[]): void {
  for (const item of data) mustNotThrow(describeCall('write', [item]), () => stream.write(item), 'on an open stream');
}

/** Makes the client go away, then lets the implementation notice (two macrotask turns). */
async function goAway(how: Departure, ex: Exchange): Promise<void> {
  if (how === 'request abort') ex.abortRequest(new Error('streamconform: the client went away'));
  else await within(ex.response.body?.cancel() ?? Promise.resolve(), PROMPTLY_MS, 'body.cancel()').catch(() => {});
  await macrotaskTurns(2);
}

/** CLOSE-001: close delivers everything written before it, even when writes are coalesced, and ends the body. */
const closeFlushesAndEnds: Check = {
  requirement: 'CLOSE-001',
  title: 'close() delivers every byte written before it (coalesced or not) and ends the body normally',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        fc.array(writeData(), { maxLength: 6 }),
        fc.option(fc.record({ flushInterval: fc.constantFrom(0, 5, 60_000), bufferSize: fc.constantFrom(1, 16, 1 << 20) }), { nil: undefined }),
        async (data, streamOptions) => {
          const opened = await openManualStream(ctx.adapter, streamOptions === undefined ? {} : { streamOptions });
          writeAll(opened.stream, data);
          mustNotThrow('close()', () => opened.stream.close());
          const what = `${streamOptions === undefined ? '' : `createStream(${fc.stringify(streamOptions)}), `}${describeWrites(data)}, close()`;
          const body = await readEndedBody(ctx, opened.response, what);
          expectBytes(body.bytes, concatBytes(data.map(bytesOf)), what);
        },
      ),
    ),
};

/** CLOSE-002: further close() calls neither throw nor send anything. */
const secondCloseDoesNothing: Check = {
  requirement: 'CLOSE-002',
  title: 'a second close() neither throws nor sends anything',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(writeData(), { maxLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.nat({ max: 2 }), async (data, extraCloses, turns) => {
        const opened = await openManualStream(ctx.adapter);
        writeAll(opened.stream, data);
        mustNotThrow('close()', () => opened.stream.close());
        for (let index = 0; index < extraCloses; index++) {
          await macrotaskTurns(turns);
          mustNotThrow(`close() number ${index + 2}`, () => opened.stream.close(), `after ${describeWrites(data)}, close()`);
        }
        const what = `${describeWrites(data)}, close() ×${extraCloses + 1}`;
        const body = await readEndedBody(ctx, opened.response, what);
        expectBytes(body.bytes, concatBytes(data.map(bytesOf)), what);
      }),
    ),
};

/** CLOSE-003: write, writeChunk and writeSSE after close() throw and send nothing. */
const writesAfterCloseThrow: Check = {
  requirement: 'CLOSE-003',
  title: 'write, writeChunk and writeSSE after close() throw an Error and send nothing',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(writeData(), { maxLength: 3 }), fc.array(anyWriteCall(), { minLength: 1, maxLength: 3 }), async (data, late) => {
        const opened = await openManualStream(ctx.adapter);
        writeAll(opened.stream, data);
        mustNotThrow('close()', () => opened.stream.close());
        const before = `${describeWrites(data)}, close()`;
        for (const call of late) {
          mustThrow(`${describeWriteCall(call)} after ${before}`, () => invokeWriteCall(opened.stream, call), 'a write after close() must throw an Error and send nothing');
        }
        const body = await readEndedBody(ctx, opened.response, before);
        expectBytes(body.bytes, concatBytes(data.map(bytesOf)), `${before}, then ${late.map(describeWriteCall).join(', ')} (which must send nothing)`);
      }),
    ),
};

/** CLOSE-004: after the client went away (either way), every write throws. */
const writesAfterDepartureThrow: Check = {
  requirement: 'CLOSE-004',
  title: 'write, writeChunk and writeSSE throw after the request aborted or the body was cancelled',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(writeData(), { maxLength: 3 }), departure(), fc.array(anyWriteCall(), { minLength: 1, maxLength: 3 }), async (data, how, late) => {
        const opened = await openManualStream(ctx.adapter);
        writeAll(opened.stream, data);
        await goAway(how, opened);
        for (const call of late) {
          mustThrow(
            `${describeWriteCall(call)} after ${describeWrites(data)} and a ${how}`,
            () => invokeWriteCall(opened.stream, call),
            'once the client went away, writes must throw (the chat example drops dead clients on that throw)',
          );
        }
      }),
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
            await goAway(how, ex);
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
        let signal: unknown;
        const answered = exchange(ctx.adapter, async (handlerCtx) => {
          signal = handlerCtx.req?.signal;
          if (signal instanceof AbortSignal) signal.addEventListener('abort', () => heard.open(), { once: true });
          if (kind === 'createStream') return (await handlerCtx.createStream()).response;
          const endless = probeSource({ value: (index) => `${index}`, yieldToEventLoop: true });
          return handlerCtx[kind](endless.iterable);
        });
        const ex = await within(answered, 2000, 'the handler').catch((error: unknown) => {
          throw new Mismatch(`a handler using ${kind} did not answer: ${describeError(error)}`);
        });
        expectThat(signal instanceof AbortSignal, `ctx.req.signal is ${Object.prototype.toString.call(signal)}, not an AbortSignal; handlers clean up through it`);
        await macrotaskTurns(turns);
        ex.abortRequest(new Error('streamconform: the client went away'));
        const fired = await within(heard.promise.then(() => true), PROMPTLY_MS, 'abort').catch(() => false);
        expectThat(fired && (signal as AbortSignal).aborted, `the request was aborted, but the handler's ctx.req.signal (${kind}) did not fire 'abort' within ${PROMPTLY_MS} ms`);
        await ex.response.body?.cancel().catch(() => {});
      }),
    ),
};

/** CLOSE-008: close() after the client went away neither throws nor sends anything. */
const closeAfterDepartureDoesNothing: Check = {
  requirement: 'CLOSE-008',
  title: 'close() after the request aborted or the body was cancelled neither throws nor sends anything',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(writeData({ maxLength: 8 }), { maxLength: 3 }), departure(), fc.integer({ min: 1, max: 2 }), async (data, how, closes) => {
        const opened = await openManualStream(ctx.adapter);
        writeAll(opened.stream, data);
        await goAway(how, opened);
        const what = `${describeWrites(data)}, a ${how}, close() ×${closes}`;
        for (let index = 0; index < closes; index++) mustNotThrow(`close() number ${index + 1} after a ${how}`, () => opened.stream.close(), what);
        if (how === 'body cancel') return;
        const body = await readBody(opened.response, { timeoutMs: BODY_END_MS, signal: ctx.signal });
        expectThat(body.end !== 'timeout', `${what}: the body did not end within ${BODY_END_MS} ms`, { sent: body.bytes });
        const written = concatBytes(data.map(bytesOf));
        expectThat(
          body.bytes.length <= written.length && bytesEqual(body.bytes, written.subarray(0, body.bytes.length)),
          `${what}: the body should hold at most what was written ("${escapeBytes(written)}") but holds "${escapeBytes(body.bytes)}"`,
          { sent: body.bytes },
        );
      }),
    ),
};

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
  if (failure !== undefined) throw failure;
}

/** CLOSE-009: the model's sequences, invalid writes included, leave no unhandled rejection or uncaught exception. */
const noStrayErrorsFromStreams: Check = {
  requirement: 'CLOSE-009',
  title: 'no sequence of writes, invalid writes, closes, aborts and cancels causes an unhandled rejection or uncaught exception',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(streamCommands({ invalidWrites: true }), clientPace(), async (commands, pace) => {
        await failOnStrayErrors(() => runStreamModel(ctx, commands, pace));
      }),
    ),
};

/** CLOSE-009: generators that throw or never end, with clients that read, cancel or abort, leave no stray error. */
const noStrayErrorsFromGenerators: Check = {
  requirement: 'CLOSE-009',
  title: 'generators that throw or never end, with clients that read, cancel or abort, cause no unhandled rejection',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        responseKind(),
        fc.constantFrom('throws', 'endless', 'finite'),
        fc.constantFrom<'read' | Departure>('read', 'request abort', 'body cancel'),
        fc.nat({ max: 3 }),
        async (kind, behaviour, client, reads) => {
          await failOnStrayErrors(async () => {
            const probe = probeSource({
              value: (index) => `${index}\n`,
              yieldToEventLoop: true,
              ...(behaviour === 'throws' ? { throwAt: reads } : behaviour === 'finite' ? { count: reads + 1 } : {}),
            });
            const ex = await respondWithGenerator(ctx.adapter, kind, probe.iterable, probe.description);
            if (client === 'read') {
              await readBody(ex.response, { timeoutMs: 500, signal: ctx.signal, maxBytes: 64 });
            } else {
              await goAway(client, ex);
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
  title: 'stream.closed pends while the stream is open and resolves after close(), a request abort or a body cancel',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.constantFrom<'close()' | Departure>('close()', 'request abort', 'body cancel'), fc.array(writeData({ maxLength: 8 }), { maxLength: 2 }), async (ending, data) => {
        const opened = await openManualStream(ctx.adapter);
        const { stream } = opened;
        if (!('closed' in stream) || stream.closed === undefined) throw new Mismatch('stream.closed is missing; handlers have no single place to clean up');
        const closed = stream.closed;
        writeAll(stream, data);
        const early = await settlesWithin(closed, 3);
        expectThat(!early.settled, `stream.closed settled while the stream was open (after ${describeWrites(data)})`);
        if (ending === 'close()') mustNotThrow('close()', () => stream.close());
        else await goAway(ending, opened);
        const outcome = await within(
          Promise.resolve(closed).then(
            () => 'resolved',
            (error: unknown) => `rejected with ${describeError(error)}`,
          ),
          PROMPTLY_MS,
          'closed',
        ).catch(() => `still pending after ${PROMPTLY_MS} ms`);
        expectThat(outcome === 'resolved', `stream.closed ${outcome} after ${describeWrites(data)} and ${ending}; it must resolve once the stream ended`);
        if (ending === 'close()') await readEndedBody(ctx, opened.response, 'close()');
      }),
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

