/**
 * Checks of area STREAM: manual streams (`ctx.createStream`), guide "Manual
 * Streaming", "Stream Control Methods", "Memory Management"; spec §2.
 */
import fc from 'fast-check';
import { anyWriteCall, notTextOrBytes, writeData, type WriteCall } from '../arbitraries/stream-calls.ts';
import { coalescingOptions, invalidStreamOptions } from '../arbitraries/stream-options.ts';
import { anyText } from '../arbitraries/text.ts';
import { bytes } from '../arbitraries/values.ts';
import { clientPace, streamCommands } from '../commands/arbitrary.ts';
import { matchBody } from '../commands/expected-body.ts';
import { describeCall, describeWriteCall, expectedSegment, invokeWriteCall, renderSegments } from '../commands/expected-bytes.ts';
import { runScheduledStreamModel, runStreamModel } from '../commands/run-model.ts';
import { perKind, streamOptionsOf } from '../commands/stream-kind.ts';
import { describeError } from '../adapter/load.ts';
import { bytesEqual, concatBytes, utf8 } from '../bytes/bytes.ts';
import { escapeBytes } from '../bytes/escape.ts';
import { gate, startExchange, within } from '../drive/exchange.ts';
import { readBody } from '../drive/body.ts';
import { BODY_END_MS, expectBytes, mustNotThrow, mustThrow, readEndedBody } from '../drive/judge.ts';
import { openManualStream } from '../drive/manual-stream.ts';
import { macrotaskTurns, settlesWithin } from '../drive/settle.ts';
import { CheckBlocked, CheckUnimplemented, type Check, type CheckContext } from '../runner/check.ts';
import { type ManualStreamUnderTest, type StreamOptionsUnderTest } from '../adapter/under-test.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? utf8(data) : data;
}

function describeWrites(data: readonly (string | Uint8Array)[]): string {
  return data.length === 0 ? 'no write' : data.map((item) => describeCall('write', [item])).join(', ');
}

/** Writes each item, then closes; a throw fails the run with the call that threw. */
function writeAllThenClose(stream: ManualStreamUnderTest, data: readonly (string | Uint8Array)[]): void {
  for (const item of data) mustNotThrow(describeCall('write', [item]), () => stream.write(item), 'on an open stream');
  mustNotThrow('close()', () => stream.close());
}

/**
 * The body of a stream given `data` and then closed, for the checks that
 * compare a run with a control run (the same writes without the call they
 * judge): how writes are sent is STREAM-001/002's rule, so the
 * implementation is its own model. A control that does not end normally
 * after close() is CLOSE-001's rule and blocks the run.
 */
async function controlBody(ctx: CheckContext, data: readonly (string | Uint8Array)[], what: string): Promise<Uint8Array> {
  const opened = await openManualStream(ctx.adapter);
  writeAllThenClose(opened.stream, data);
  const body = await readBody(await opened.head(what), { timeoutMs: BODY_END_MS, signal: ctx.signal });
  if (body.end !== 'clean') throw new CheckBlocked('CLOSE-001', `the control run (${what}) did not end normally after close(): CLOSE-001's rule`);
  return body.bytes;
}

/** The body of the judged run must be the control run's: the judged call sent nothing and changed nothing after it. */
function expectSameAsControl(body: Uint8Array, control: Uint8Array, what: string, controlWhat: string, rule: string): void {
  expectThat(
    bytesEqual(body, control),
    `${what}: the body is "${escapeBytes(body)}", but ${controlWhat} gives "${escapeBytes(control)}"; ${rule}`,
    { sent: body },
  );
}

/** STREAM-001: text writes, made inside the handler or after it returned. */
const writeTextInOrder: Check = {
  requirement: 'STREAM-001',
  title: 'write sends each string as its UTF-8 bytes, in call order',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(anyText(), { maxLength: 8 }), fc.boolean(), async (texts, inHandler) => {
        const opened = await openManualStream(ctx.adapter, inHandler ? { inHandler: (stream) => writeAllThenClose(stream, texts) } : {});
        if (!inHandler) writeAllThenClose(opened.stream, texts);
        const body = await readEndedBody(ctx, await opened.head(`${describeWrites(texts)}, close()`), `${describeWrites(texts)}, close()`);
        expectBytes(body.bytes, concatBytes(texts.map((text) => utf8(text))), `${describeWrites(texts)}, close()`);
      }),
    ),
};

/** STREAM-002: byte writes arrive unchanged. */
const writeBytesAsIs: Check = {
  requirement: 'STREAM-002',
  title: 'write sends a Uint8Array byte for byte',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(bytes({ minLength: 1 }), { maxLength: 6 }), fc.boolean(), async (chunks, inHandler) => {
        const expected = concatBytes(chunks.map((chunk) => Uint8Array.from(chunk)));
        const opened = await openManualStream(ctx.adapter, inHandler ? { inHandler: (stream) => writeAllThenClose(stream, chunks) } : {});
        if (!inHandler) writeAllThenClose(opened.stream, chunks);
        const body = await readEndedBody(ctx, await opened.head(`${describeWrites(chunks)}, close()`), `${describeWrites(chunks)}, close()`);
        expectBytes(body.bytes, expected, `${describeWrites(chunks)}, close()`);
      }),
    ),
};

/**
 * STREAM-003: the handler returns the response first; writes come later, from
 * a gate the check opens once the handler returned. `stream.response` must be
 * a Response before the first write; `handle()` may resolve it before or
 * after the writes (a server may send the head with the first bytes).
 */
const responseBeforeWrites: Check = {
  requirement: 'STREAM-003',
  title: 'a handler returns stream.response first and writes afterwards',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(writeData(), { minLength: 1, maxLength: 5 }), fc.nat({ max: 3 }), async (data, turns) => {
        const later = gate();
        const returned = gate();
        const written = gate<{ error?: unknown }>();
        let responseBeforeWrite: unknown;
        let createError: { error: unknown } | undefined;
        const pending = startExchange(ctx.adapter, async (ctx2) => {
          let stream: ManualStreamUnderTest;
          try {
            stream = await ctx2.createStream();
          } catch (error) {
            createError = { error };
            throw error;
          }
          responseBeforeWrite = stream.response;
          void later.promise.then(async () => {
            try {
              for (const item of data) {
                await macrotaskTurns(turns);
                stream.write(item);
              }
              stream.close();
              written.open({});
            } catch (error) {
              written.open({ error });
            }
          });
          returned.open();
          return stream.response;
        });
        const answered = pending.response.then(
          () => undefined,
          (error: unknown) => ({ error }),
        );
        const outcome = await within(Promise.race([returned.promise.then(() => undefined), answered]), 2000, 'the handler returning stream.response').catch((error: unknown) => {
          throw new Mismatch(`a handler that returns stream.response before writing did not return: ${describeError(error)}`);
        });
        if (createError) throw new Mismatch(`createStream() threw ${describeError(createError.error)}`);
        if (outcome !== undefined) throw new Mismatch(`a handler that returns stream.response before writing got no response: ${describeError(outcome.error)}`);
        expectThat(
          responseBeforeWrite instanceof Response,
          `stream.response was ${Object.prototype.toString.call(responseBeforeWrite)} right after createStream resolved; it must exist before the first write`,
        );
        later.open();
        const result = await within(written.promise, 2000, 'the writes after the response').catch(() => ({ error: new Error('the writes did not finish within 2000 ms') }));
        if (result.error !== undefined) {
          throw new Mismatch(`writing after the handler returned the response failed: ${describeError(result.error)} (calls: ${describeWrites(data)}, close())`);
        }
        const what = `${describeWrites(data)}, close() made after the handler returned`;
        const response = await within(pending.response, 2000, 'the response').catch((error: unknown) => {
          throw new Mismatch(`the handler returned stream.response, but handle() gave no response within 2000 ms after ${what}: ${describeError(error)}`);
        });
        const body = await readEndedBody(ctx, response, what);
        expectBytes(body.bytes, concatBytes(data.map(bytesOf)), what);
      }),
    ),
};

/** STREAM-004: any mix of write, writeChunk and writeSSE, in call order. */
const mixedWritesInOrder: Check = {
  requirement: 'STREAM-004',
  title: 'write, writeChunk and writeSSE calls arrive as one body in call order',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(anyWriteCall(), { minLength: 1, maxLength: 8 }), async (calls: WriteCall[]) => {
        const opened = await openManualStream(ctx.adapter);
        for (const call of calls) mustNotThrow(describeWriteCall(call), () => invokeWriteCall(opened.stream, call), 'on an open stream');
        mustNotThrow('close()', () => opened.stream.close());
        const what = `${calls.map(describeWriteCall).join(', ')}, close()`;
        const body = await readEndedBody(ctx, await opened.head(what), what);
        const segments = calls.map(expectedSegment);
        const match = matchBody(body.bytes, segments);
        expectThat(match.ok, `${match.ok ? '' : match.message} (calls: ${what}; expected "${escapeBytes(renderSegments(segments))}")`, { sent: body.bytes });
      }),
    ),
};

/** STREAM-005: empty writes send nothing and leave the stream open. */
const emptyWriteSendsNothing: Check = {
  requirement: 'STREAM-005',
  title: 'write("") and write(new Uint8Array(0)) send nothing and keep the stream open',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        fc.array(fc.oneof(writeData({ maxLength: 8 }), fc.constantFrom<string | Uint8Array>('', new Uint8Array(0))), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<string | Uint8Array>('', new Uint8Array(0)),
        writeData({ maxLength: 8 }).filter((data) => data.length > 0),
        async (before, empty, after) => {
          const data = [...before, empty, after];
          const opened = await openManualStream(ctx.adapter);
          writeAllThenClose(opened.stream, data);
          const what = `${describeWrites(data)}, close()`;
          // In process, a zero-length Uint8Array in the body stream is no bytes: allowed. That an empty write must
          // never reach an HTTP/1.1 transport as the last-chunk marker is judged on the wire.
          const body = await readEndedBody(ctx, await opened.head(what), what);
          const nonEmpty = data.filter((item) => item.length > 0);
          const controlWhat = `${describeWrites(nonEmpty)}, close()`;
          const control = await controlBody(ctx, nonEmpty, controlWhat);
          expectSameAsControl(body.bytes, control, what, controlWhat, 'an empty write must send nothing and leave the stream as it was');
        },
      ),
    ),
};

/** STREAM-006: write of a value that is not text or bytes throws a TypeError and sends nothing. */
const writeRejectsValues: Check = {
  requirement: 'STREAM-006',
  title: 'write of anything but a string or a Uint8Array throws a TypeError and sends nothing',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.array(writeData({ maxLength: 8 }), { maxLength: 3 }), notTextOrBytes(), async (before, bad) => {
        const opened = await openManualStream(ctx.adapter);
        for (const item of before) mustNotThrow(describeCall('write', [item]), () => opened.stream.write(item));
        const description = `write(${bad.label}) ${describeCall('write', [bad.value])}`;
        mustThrow(description, () => opened.stream.write(bad.value as string), 'write takes a string or a Uint8Array; writeChunk is the call for values', TypeError);
        mustNotThrow('close()', () => opened.stream.close(), `after ${description} threw`);
        const what = `${describeWrites(before)}, ${description}, close()`;
        const body = await readEndedBody(ctx, await opened.head(what), what);
        const controlWhat = `${describeWrites(before)}, close()`;
        const control = await controlBody(ctx, before, controlWhat);
        expectSameAsControl(body.bytes, control, what, controlWhat, 'the rejected write must send nothing');
      }),
    ),
};

/** STREAM-007: invalid createStream options are a TypeError at the call. */
const invalidOptionsRejected: Check = {
  requirement: 'STREAM-007',
  title: 'createStream with a bad bufferSize, flushInterval or header value throws a TypeError',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(invalidStreamOptions(), async ({ label, options }) => {
        const outcome = gate<{ error?: unknown; stream?: ManualStreamUnderTest }>();
        const pending = startExchange(ctx.adapter, async (ctx2) => {
          try {
            const stream = await ctx2.createStream(options as StreamOptionsUnderTest); // often not a valid one: that is the point
            outcome.open({ stream });
            try {
              stream.close();
            } catch {
              // The check fails on the missing TypeError; closing is cleanup.
            }
            return stream.response;
          } catch (error) {
            outcome.open({ error });
            return new Response('rejected', { status: 200 });
          }
        });
        // Judged inside the handler; the response is only cleaned up.
        void pending.response.then(
          (response) => response.body?.cancel().catch(() => {}),
          () => {},
        );
        const result = await within(outcome.promise, 2500, 'createStream').catch(() => ({ error: undefined, stream: undefined, hung: true }));
        const call = `createStream(${fc.stringify(options)})`;
        if ('hung' in result) throw new Mismatch(`${call} neither resolved nor threw; ${label}, so it must throw a TypeError`);
        if (result.stream !== undefined) throw new Mismatch(`${call} gave a stream; ${label}, so it must throw (or reject with) a TypeError`);
        expectThat(result.error instanceof TypeError, `${call} threw ${describeError(result.error)}, not a TypeError; ${label}`);
      }),
    ),
};

/** STREAM-008: with flushInterval/bufferSize, every byte written before close arrives, in order. */
const coalescingKeepsBytes: Check = {
  requirement: 'STREAM-008',
  title: 'with flushInterval and bufferSize, every byte written before close() arrives in order',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(
        coalescingOptions(),
        fc.array(fc.tuple(writeData({ maxLength: 40 }), fc.nat({ max: 2 })), { maxLength: 8 }),
        async (streamOptions, writes) => {
          const opened = await openManualStream(ctx.adapter, { streamOptions });
          for (const [data, turns] of writes) {
            await macrotaskTurns(turns);
            mustNotThrow(describeCall('write', [data]), () => opened.stream.write(data), `createStream(${fc.stringify(streamOptions)})`);
          }
          mustNotThrow('close()', () => opened.stream.close());
          const data = writes.map(([item]) => item);
          const what = `createStream(${fc.stringify(streamOptions)}), ${describeWrites(data)}, close()`;
          const body = await readEndedBody(ctx, await opened.head(what), what);
          expectBytes(body.bytes, concatBytes(data.map(bytesOf)), what);
        },
      ),
    ),
};

/** STREAM-009 (SHOULD): `ready` resolves below the high-water mark, pends at or above it, resolves again once the client read. */
const readyTracksCapacity: Check = {
  requirement: 'STREAM-009',
  title: 'stream.ready resolves below bufferSize, waits at or above it, and resolves once the client reads',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.integer({ min: 1, max: 32 }), fc.array(bytes({ minLength: 1, maxLength: 16 }), { minLength: 1, maxLength: 6 }), async (bufferSize, extra) => {
        const opened = await openManualStream(ctx.adapter, { streamOptions: { bufferSize } });
        const { stream } = opened;
        const call = `createStream({ bufferSize: ${bufferSize} })`;
        if (!('ready' in stream) || stream.ready === undefined) throw new CheckUnimplemented('ready', `the stream of ${call} has no ready promise (an optional capability, spec §2a): back-pressure signalling not judged`);
        const first = await settlesWithin(stream.ready, 5);
        expectThat(first.settled && !first.rejected, `stream.ready of a fresh ${call} (nothing queued) did not resolve within 5 macrotask turns`);
        // Fill the queue to at least bufferSize bytes without reading.
        const data = [new Uint8Array(bufferSize).fill(0x61), ...extra];
        for (const item of data) mustNotThrow(describeCall('write', [item]), () => stream.write(item));
        const queued = data.reduce((sum, item) => sum + item.byteLength, 0);
        const full = await settlesWithin(stream.ready, 5);
        expectThat(!full.settled, `stream.ready of ${call} resolved with ${queued} bytes queued and none read; it must wait while the queue is at or above bufferSize`);
        const pending = stream.ready;
        const response = await opened.head(`${call} and writes of ${queued} bytes`);
        if (response.body === null) throw new Mismatch(`the response of ${call} has no body`);
        const reader = response.body.getReader();
        // The client reads what is there until ready resolves (how many bytes a write queues is STREAM-001/002's rule, not counted here).
        const ready = Promise.resolve(pending).then(() => 'resolved' as const);
        let read = 0;
        for (;;) {
          const next = await Promise.race([ready, within(reader.read(), 1000, 'reading the queued bytes').catch(() => ({ done: true as const, value: undefined }))]);
          if (next === 'resolved' || next.done) break;
          read += next.value.byteLength;
        }
        const freed = await within(ready, 1000, 'stream.ready').catch(() => 'pending');
        expectThat(freed === 'resolved', `stream.ready of ${call} did not resolve within 1000 ms after the client read all ${read} bytes the body had (${queued} written)`);
        stream.close();
        await reader.cancel().catch(() => {});
      }),
    ),
};

/** STREAM-010: the model — writes, closes, client aborts and cancels in any order. */
const sequencesFollowModel: Check = {
  requirement: 'STREAM-010',
  title: 'any sequence of writes, closes, request aborts and body cancels, on a plain or an event stream, behaves like the model',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(perKind((kind) => fc.record({ commands: streamCommands({ kind }) })), clientPace(), fc.option(coalescingOptions(), { freq: 4 }), async ({ kind, commands }, pace, coalescing) => {
        await runStreamModel(ctx, commands, pace, streamOptionsOf(kind, coalescing ?? undefined));
      }),
    ),
};

/** STREAM-010: the same model with the client's reads interleaved by `fc.scheduler`. */
const scheduledSequencesFollowModel: Check = {
  requirement: 'STREAM-010',
  title: 'the model holds for every interleaving of client reads with writes, closes and aborts, on a plain or an event stream (fc.scheduler)',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(fc.scheduler(), perKind((kind) => fc.record({ commands: streamCommands({ kind }) })), async (scheduler, { kind, commands }) => {
        await runScheduledStreamModel(ctx, scheduler, commands, streamOptionsOf(kind));
      }),
    ),
};

export const streamChecks: Check[] = [
  writeTextInOrder,
  writeBytesAsIs,
  responseBeforeWrites,
  mixedWritesInOrder,
  emptyWriteSendsNothing,
  writeRejectsValues,
  invalidOptionsRejected,
  coalescingKeepsBytes,
  readyTracksCapacity,
  sequencesFollowModel,
  scheduledSequencesFollowModel,
];
