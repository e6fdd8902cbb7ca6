/**
 * SSE-001..022: Server-Sent Events framing, judged by two oracles nobody
 * here wrote or that are stricter than any client — what eventsource-parser
 * dispatches and the WHATWG event-stream grammar — and, for SSE-022, the
 * `eventsource` package's EventSource reading through msw.
 * WHATWG HTML §9.2.5–§9.2.6 (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream);
 * DESIGN §3 "Server-Sent Events".
 */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { headerValue, extraHeaders, randomCase } from '../arbitraries/headers.ts';
import {
  describeSseCall,
  expectedClientEvents,
  expectedEventData,
  forbiddenId,
  injectingEventType,
  leadingSpaceText,
  sseCall,
  sseCalls,
  sseData,
  sseEventFields,
  sseEventType,
  sseResponseOptions,
  type ExpectedClientEvent,
  type SseCall,
} from '../arbitraries/sse-options.ts';
import { anyText, asClientReadsIt, eventDataText, lineSafeText, multilineText, sseLookalikeText } from '../arbitraries/text.ts';
import { invalidRetry, jsonNonStringValue, unserializableValue, validRetry } from '../arbitraries/values.ts';
import { CallLog, describeThrown } from '../drive/attempt.ts';
import { utf8 } from '../drive/body.ts';
import { escapeBytes, escapeText } from '../drive/escape.ts';
import { CHECK_PATH } from '../drive/exchange.ts';
import { readWithEventSource, type EventSourceReading } from '../drive/in-process-event-source.ts';
import { describeEvents, expectClientEvents, judgeEventStream } from '../drive/judge-event-stream.ts';
import { expectRefusedCall } from '../drive/refused-call.ts';
import { runManualStream, runResponse, yieldEach, type StreamRun } from '../drive/stream-run.ts';
import type { App, Check, CheckContext, Context, ManualStreamUnderTest } from '../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

const EVENT_STREAM = { contentType: 'text/event-stream' } as const;
const NO_CACHE_RULE = 'an sseResponse carries Cache-Control: no-cache unless options.headers set it';

/** How an event stream is produced: `writeSSE` on a manual stream, or values yielded to `sseResponse`. */
type Via = 'writeSSE' | 'sseResponse';
const via = (): fc.Arbitrary<Via> => fc.constantFrom<Via>('writeSSE', 'sseResponse');

/** Makes every call on `stream` (through `log`, not awaited); a valid call that throws fails the run. */
function writeAll(stream: ManualStreamUnderTest, calls: readonly SseCall[], log: CallLog): void {
  for (const call of calls) {
    const outcome = log.call(() => (call.options === undefined ? stream.writeSSE(call.data) : stream.writeSSE(call.data, call.options)), describeSseCall(call));
    if (outcome.threw) throw new Mismatch(`${describeSseCall(call)} threw ${describeThrown(outcome.error)}; it is a valid call`);
  }
}

/** The calls on a manual event stream, then close(): the run. */
function runWriteSse(ctx: CheckContext, calls: readonly SseCall[], headers?: Record<string, string>): Promise<StreamRun<void>> {
  return runManualStream(ctx, headers === undefined ? EVENT_STREAM : { ...EVENT_STREAM, headers }, (stream, log) => writeAll(stream, calls, log));
}

/** Writes `calls` with writeSSE and judges the body with both oracles against the events the calls should dispatch. */
async function expectWriteSseDispatches(ctx: CheckContext, calls: readonly SseCall[]): Promise<void> {
  const { body } = await runWriteSse(ctx, calls);
  const subject = subjectOf(calls);
  expectClientEvents(body.bytes, judgeEventStream(body.bytes, subject), expectedClientEvents(calls), subject);
}

/** `sseResponse` over an async generator yielding `values`. */
function runSseResponse(ctx: CheckContext, values: readonly unknown[], options?: Record<string, unknown>): Promise<StreamRun<undefined>> {
  const what = `sseResponse(generator of ${values.length} value(s)${options === undefined ? '' : `, ${fc.stringify(options)}`})`;
  return runResponse(ctx, what, (c) => (options === undefined ? c.sseResponse(yieldEach(values)) : c.sseResponse(yieldEach(values), options)));
}

/** Sends `values` as data-only events through `how`; returns the body bytes and a subject for messages. */
async function sendData(ctx: CheckContext, how: Via, values: readonly unknown[]): Promise<{ bytes: Uint8Array; subject: string }> {
  if (how === 'writeSSE') {
    const calls = values.map((data) => ({ data }));
    const run = await runWriteSse(ctx, calls);
    return { bytes: run.body.bytes, subject: calls.map(describeSseCall).join(', ') };
  }
  const run = await runSseResponse(ctx, values);
  return { bytes: run.body.bytes, subject: `sseResponse yielding ${fc.stringify(values)}` };
}

function subjectOf(calls: readonly SseCall[]): string {
  return calls.length === 0 ? 'no writeSSE call' : calls.map(describeSseCall).join(', ');
}

/** The response of `how` with extra headers, for the header checks. */
async function eventStreamResponse(ctx: CheckContext, how: Via, headers: Record<string, string>, options: Record<string, unknown> = {}): Promise<Response> {
  if (how === 'writeSSE') return (await runWriteSse(ctx, [{ data: 'x' }], headers)).response;
  return (await runSseResponse(ctx, ['x'], { ...options, headers })).response;
}

const contentTypeExact: Check = {
  requirement: 'SSE-001',
  title: 'content-type is exactly text/event-stream, for writeSSE streams and sseResponse',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(via(), extraHeaders(), async (how, headers) => {
        const response = await eventStreamResponse(ctx, how, headers);
        const contentType = response.headers.get('content-type');
        const call = how === 'writeSSE' ? "createStream({ contentType: 'text/event-stream' })" : 'sseResponse(generator)';
        expectThat(
          contentType === 'text/event-stream',
          `${call} with headers ${JSON.stringify(headers)}: Content-Type is ${contentType === null ? 'missing' : `"${escapeText(contentType)}"`}, expected exactly "text/event-stream"`,
        );
      }),
    );
  },
};

/** A default SSE header (`Cache-Control`, `X-Accel-Buffering`): set unless the caller's headers (any case) set it. */
function defaultSseHeaderCheck(requirement: 'SSE-002' | 'SSE-003', name: string, value: string, rule: string): Check {
  return {
    requirement,
    title: `sseResponse carries ${name}: ${value} unless options.headers override it`,
    async run(ctx) {
      await checkProperty(
        ctx,
        fc.asyncProperty(
          sseResponseOptions(),
          extraHeaders(),
          fc.option(fc.tuple(randomCase(name), headerValue()), { nil: undefined }),
          async (options, headers, override) => {
            const all = override === undefined ? headers : { ...headers, [override[0]]: override[1] };
            const response = await eventStreamResponse(ctx, 'sseResponse', all, options);
            const got = response.headers.get(name);
            const expected = override === undefined ? value : override[1];
            expectThat(
              got === expected,
              `sseResponse(generator, ${fc.stringify({ ...options, headers: all })}): ${name} is ${got === null ? 'missing' : `"${escapeText(got)}"`}, expected "${escapeText(expected)}"; ${rule}`,
            );
          },
        ),
      );
    },
  };
}

const oneCallOneEvent: Check = {
  requirement: 'SSE-004',
  title: 'one writeSSE call is one dispatched event, in call order',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseCalls({ minLength: 0, maxLength: 8 }), async (calls) => {
        await expectWriteSseDispatches(ctx, calls);
      }),
    );
  },
};

const dataSplitOnLineBreaks: Check = {
  requirement: 'SSE-005',
  title: 'string data split on CR, LF and CRLF reads back with LF',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(via(), fc.array(fc.oneof(multilineText(), eventDataText()), { minLength: 1, maxLength: 4 }), async (how, texts) => {
        const { bytes, subject } = await sendData(ctx, how, texts);
        const view = judgeEventStream(bytes, subject);
        expectClientEvents(bytes, view, texts.map((text) => ({ type: 'message', data: asClientReadsIt(text), lastEventId: '' })), subject);
      }),
    );
  },
};

/** The values of the `data:` lines of `bytes` (LF-separated; the grammar check ran first). */
function dataLines(bytes: Uint8Array): string[] {
  return new TextDecoder().decode(bytes).split('\n').filter((line) => line.startsWith('data'));
}

const dataColonSpace: Check = {
  requirement: 'SSE-006',
  title: 'data lines are "data: " and the line, so leading spaces survive',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(via(), fc.array(fc.oneof(leadingSpaceText(), anyText()), { minLength: 1, maxLength: 4 }), async (how, texts) => {
        const { bytes, subject } = await sendData(ctx, how, texts);
        const lines = dataLines(bytes);
        const bad = lines.find((line) => !line.startsWith('data: '));
        expectThat(bad === undefined, `${subject}: the data line "${escapeText(bad ?? '')}" does not start with "data: " (colon, one space)`, {
          sent: bytes,
          eventStream: true,
        });
        const view = judgeEventStream(bytes, subject);
        expectClientEvents(bytes, view, texts.map((text) => ({ type: 'message', data: asClientReadsIt(text), lastEventId: '' })), subject);
      }),
    );
  },
};

const nonStringIsJson: Check = {
  requirement: 'SSE-007',
  title: 'non-string data is JSON.stringify(value), JSON.parse gives it back',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(via(), fc.array(jsonNonStringValue(), { minLength: 1, maxLength: 4 }), async (how, values) => {
        const { bytes, subject } = await sendData(ctx, how, values);
        const view = judgeEventStream(bytes, subject);
        expectClientEvents(bytes, view, values.map((value) => ({ type: 'message', data: JSON.stringify(value), lastEventId: '' })), subject);
      }),
    );
  },
};

const unserializableRefused: Check = {
  requirement: 'SSE-008',
  title: 'writeSSE of a value JSON cannot carry throws a TypeError and writes nothing',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseCalls({ minLength: 0, maxLength: 2 }), unserializableValue(), sseEventFields(), sseCalls({ minLength: 0, maxLength: 2 }), async (before, bad, fields, after) => {
        await expectRefusedCall(ctx, EVENT_STREAM, {
          before: (stream, log) => writeAll(stream, before, log),
          call: (stream) => (fields === undefined ? stream.writeSSE(bad.value) : stream.writeSSE(bad.value, fields)),
          after: (stream, log) => writeAll(stream, after, log),
          what: `writeSSE(${bad.label}${fields === undefined ? '' : `, ${fc.stringify(fields)}`})`,
          rule: 'JSON.stringify cannot carry it, so it must be a TypeError and nothing is written',
          eventStream: true,
        });
      }),
    );
  },
};

const emptyStringIsEvent: Check = {
  requirement: 'SSE-009',
  title: 'writeSSE("") is one event with empty data',
  async run(ctx) {
    const callsWithEmpty = fc
      .tuple(sseCalls({ minLength: 0, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), sseEventFields())
      .map(([calls, positions, fields]) => {
        const all = [...calls];
        for (const position of positions) all.splice(position % (all.length + 1), 0, fields === undefined ? { data: '' } : { data: '', options: fields });
        return all;
      });
    await checkProperty(
      ctx,
      fc.asyncProperty(callsWithEmpty, async (calls) => {
        await expectWriteSseDispatches(ctx, calls);
      }),
    );
  },
};

const eventSetsType: Check = {
  requirement: 'SSE-010',
  title: 'the event option sets the dispatched event type',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(fc.array(fc.record({ data: sseData(), options: fc.record({ event: sseEventType() }) }), { minLength: 1, maxLength: 4 }), async (calls) => {
        await expectWriteSseDispatches(ctx, calls);
      }),
    );
  },
};

const idSetsLastEventId: Check = {
  requirement: 'SSE-011',
  title: 'the id option sets the last event id, carried over by later events',
  async run(ctx) {
    const call = fc.record({ data: sseData(), options: fc.option(fc.record({ id: lineSafeText({ maxLength: 10 }) }), { nil: undefined }) });
    await checkProperty(
      ctx,
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 5 }), async (raw) => {
        const calls: SseCall[] = raw.map(({ data, options }) => (options === undefined ? { data } : { data, options }));
        await expectWriteSseDispatches(ctx, calls);
      }),
    );
  },
};

/** A writeSSE whose `options[field]` is forbidden: TypeError, nothing written. */
function refusedFieldCheck(requirement: 'SSE-012' | 'SSE-013' | 'SSE-014', title: string, field: 'event' | 'id' | 'retry', bad: fc.Arbitrary<unknown>, rule: string): Check {
  return {
    requirement,
    title,
    async run(ctx) {
      await checkProperty(
        ctx,
        fc.asyncProperty(sseCalls({ minLength: 0, maxLength: 2 }), sseData(), bad, sseCalls({ minLength: 0, maxLength: 2 }), async (before, data, value, after) => {
          const options = { [field]: value };
          await expectRefusedCall(ctx, EVENT_STREAM, {
            before: (stream, log) => writeAll(stream, before, log),
            call: (stream) => stream.writeSSE(data, options),
            after: (stream, log) => writeAll(stream, after, log),
            what: `writeSSE(${typeof data === 'string' ? `"${escapeText(data)}"` : fc.stringify(data)}, { ${field}: ${typeof value === 'string' ? `"${escapeText(value)}"` : fc.stringify(value)} })`,
            rule,
            eventStream: true,
          });
        }),
      );
    },
  };
}

const retrySent: Check = {
  requirement: 'SSE-014',
  title: 'a non-negative integer retry is sent as retry: <digits> and sets the reconnection time',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseCalls({ minLength: 1, maxLength: 4, withRetry: true }), async (calls) => {
        const { body } = await runWriteSse(ctx, calls);
        const subject = subjectOf(calls);
        const view = judgeEventStream(body.bytes, subject);
        const retries = calls.flatMap((call) => (call.options?.retry === undefined ? [] : [call.options.retry]));
        expectThat(
          JSON.stringify(view.retries) === JSON.stringify(retries),
          `${subject}: a WHATWG client took the reconnection times ${JSON.stringify(view.retries)}, expected ${JSON.stringify(retries)}`,
          { sent: body.bytes, eventStream: true },
        );
        expectClientEvents(body.bytes, view, expectedClientEvents(calls), subject);
      }),
    );
  },
};

const grammar: Check = {
  requirement: 'SSE-015',
  title: 'everything the SSE calls write follows the event-stream grammar',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(
        via(),
        sseCalls({ minLength: 0, maxLength: 6, withRetry: true }),
        sseResponseOptions(),
        async (how, calls, options) => {
          if (how === 'writeSSE') {
            const { body } = await runWriteSse(ctx, calls);
            judgeEventStream(body.bytes, subjectOf(calls));
          } else {
            const values = calls.map((call) => call.data);
            const { body } = await runSseResponse(ctx, values, options);
            judgeEventStream(body.bytes, `sseResponse yielding ${fc.stringify(values)} with ${fc.stringify(options)}`);
          }
        },
      ),
    );
  },
};

const noInjection: Check = {
  requirement: 'SSE-016',
  title: 'data that looks like SSE fields reaches the client as data, changing nothing else',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(
        via(),
        fc.array(sseLookalikeText(), { minLength: 1, maxLength: 3 }),
        fc.option(fc.record({ event: sseEventType(), id: lineSafeText({ maxLength: 6 }) }), { nil: undefined }),
        async (how, texts, fields) => {
          let bytes: Uint8Array;
          let subject: string;
          let expected: ExpectedClientEvent[];
          if (how === 'writeSSE') {
            const calls: SseCall[] = texts.map((data) => (fields === undefined ? { data } : { data, options: fields }));
            bytes = (await runWriteSse(ctx, calls)).body.bytes;
            subject = subjectOf(calls);
            expected = expectedClientEvents(calls);
          } else {
            const options = fields?.event === undefined ? undefined : { event: fields.event };
            bytes = (await runSseResponse(ctx, texts, options)).body.bytes;
            subject = `sseResponse yielding ${fc.stringify(texts)}${options === undefined ? '' : ` with ${fc.stringify(options)}`}`;
            expected = expectedClientEvents(texts.map((data) => (options === undefined ? { data } : { data, options })));
          }
          const view = judgeEventStream(bytes, subject);
          expectThat(view.retries.length === 0, `${subject}: the data set the client's reconnection time to ${view.retries.join(', ')} (field injection)`, {
            sent: bytes,
            eventStream: true,
          });
          expectThat(view.comments.length === 0, `${subject}: the client read comment line(s) ${JSON.stringify(view.comments)} out of the data`, {
            sent: bytes,
            eventStream: true,
          });
          expectClientEvents(bytes, view, expected, subject);
        },
      ),
    );
  },
};

const unicodeSurvives: Check = {
  requirement: 'SSE-017',
  title: 'all of Unicode survives as UTF-8, lone surrogates as U+FFFD',
  async run(ctx) {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 16 }), fc.string({ unit: 'grapheme', maxLength: 8 }), anyText());
    await checkProperty(
      ctx,
      fc.asyncProperty(via(), fc.array(text, { minLength: 1, maxLength: 4 }), async (how, texts) => {
        const { bytes, subject } = await sendData(ctx, how, texts);
        const view = judgeEventStream(bytes, subject);
        expectClientEvents(bytes, view, texts.map((value) => ({ type: 'message', data: asClientReadsIt(value), lastEventId: '' })), subject);
        for (const value of texts) {
          for (const line of asClientReadsIt(value).split('\n')) {
            const encoded = utf8(`data: ${line}\n`);
            expectThat(
              Buffer.from(bytes).includes(Buffer.from(encoded)),
              `${subject}: the bytes lack the UTF-8 of the line "${escapeText(line)}" (expected ${escapeBytes(encoded)})`,
              { sent: bytes, eventStream: true },
            );
          }
        }
      }),
    );
  },
};

const sseResponseOneEventPerValue: Check = {
  requirement: 'SSE-018',
  title: 'sseResponse sends one event per yielded value, in order (async and sync iterables)',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(fc.array(sseData(), { maxLength: 6 }), fc.constantFrom('async generator', 'sync iterator', 'array'), async (values, source) => {
        const iterable = source === 'async generator' ? yieldEach(values) : source === 'sync iterator' ? values[Symbol.iterator]() : [...values];
        const run = await runResponse(ctx, `sseResponse(${source} of ${values.length} value(s))`, (c) => c.sseResponse(iterable));
        const subject = `sseResponse(${source} yielding ${fc.stringify(values)})`;
        const view = judgeEventStream(run.body.bytes, subject);
        expectClientEvents(
          run.body.bytes,
          view,
          values.map((value) => ({ type: 'message', data: expectedEventData(value), lastEventId: '' })),
          subject,
        );
      }),
    );
  },
};

const sseResponseEventOption: Check = {
  requirement: 'SSE-019',
  title: 'sseResponse event option applies to each event',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(fc.array(sseData(), { minLength: 1, maxLength: 5 }), sseEventType(), fc.option(validRetry(), { nil: undefined }), async (values, event, retry) => {
        const options = retry === undefined ? { event } : { event, retry };
        const run = await runSseResponse(ctx, values, options);
        const subject = `sseResponse yielding ${fc.stringify(values)} with ${fc.stringify(options)}`;
        const view = judgeEventStream(run.body.bytes, subject);
        expectClientEvents(run.body.bytes, view, expectedClientEvents(values.map((data) => ({ data, options: { event } }))), subject);
      }),
    );
  },
};

const sseResponseRetryFirst: Check = {
  requirement: 'SSE-020',
  title: 'sseResponse retry option is sent once, before the first event',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(fc.array(sseData(), { minLength: 1, maxLength: 5 }), validRetry(), fc.option(sseEventType(), { nil: undefined }), async (values, retry, event) => {
        const options = event === undefined ? { retry } : { retry, event };
        const { body } = await runSseResponse(ctx, values, options);
        const subject = `sseResponse yielding ${fc.stringify(values)} with ${fc.stringify(options)}`;
        const view = judgeEventStream(body.bytes, subject);
        expectThat(
          view.retries.length === 1 && view.retries[0] === retry,
          `${subject}: a WHATWG client took the reconnection times ${JSON.stringify(view.retries)}, expected exactly [${retry}]`,
          { sent: body.bytes, eventStream: true },
        );
        const lines = new TextDecoder().decode(body.bytes).split('\n');
        const retryLine = lines.findIndex((line) => line.startsWith('retry'));
        let sawData = false;
        let firstDispatch = lines.length;
        for (const [index, line] of lines.entries()) {
          if (line.startsWith('data')) sawData = true;
          if (line === '' && sawData) {
            firstDispatch = index;
            break;
          }
        }
        expectThat(retryLine !== -1 && retryLine < firstDispatch, `${subject}: the retry field comes after the first event is dispatched (line ${retryLine + 1}, first event ends at line ${firstDispatch + 1})`, {
          sent: body.bytes,
          eventStream: true,
        });
        expectClientEvents(body.bytes, view, expectedClientEvents(values.map((data) => (event === undefined ? { data } : { data, options: { event } }))), subject);
      }),
    );
  },
};

type CommentOrEvent = { comment: string } | { event: SseCall };

const heartbeatComments: Check = {
  requirement: 'SSE-021',
  title: 'writeComment writes comment lines a client ignores',
  async run(ctx) {
    const step = fc.oneof(
      lineSafeText({ withNul: true, maxLength: 10 }).map((comment): CommentOrEvent => ({ comment })),
      sseCall().map((event): CommentOrEvent => ({ event })),
    );
    await checkProperty(
      ctx,
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const { body } = await runManualStream(ctx, EVENT_STREAM, (stream, log) => {
          if (typeof stream.writeComment !== 'function') {
            throw new Mismatch('stream.writeComment is missing: a manual stream SHOULD offer writeComment(text) for heartbeats (`: text` comment lines)');
          }
          for (const item of steps) {
            if ('comment' in item) {
              const outcome = log.call(() => stream.writeComment!(item.comment), `writeComment("${escapeText(item.comment)}")`);
              if (outcome.threw) throw new Mismatch(`writeComment("${escapeText(item.comment)}") threw ${describeThrown(outcome.error)}`);
            } else {
              writeAll(stream, [item.event], log);
            }
          }
        });
        const calls = steps.flatMap((item) => ('event' in item ? [item.event] : []));
        const comments = steps.flatMap((item) => ('comment' in item ? [item.comment.toWellFormed()] : []));
        const subject = steps.map((item) => ('comment' in item ? `writeComment("${escapeText(item.comment)}")` : describeSseCall(item.event))).join(', ');
        const view = judgeEventStream(body.bytes, subject);
        expectThat(
          JSON.stringify(view.comments) === JSON.stringify(comments),
          `${subject}: a WHATWG client read the comments ${escapeText(JSON.stringify(view.comments))}, expected ${escapeText(JSON.stringify(comments))}`,
          { sent: body.bytes, eventStream: true },
        );
        expectClientEvents(body.bytes, view, expectedClientEvents(calls), subject);
      }),
    );
  },
};

/** SSE-022 runs: each opens an EventSource, so few. */
function eventSourceRuns(ctx: CheckContext): { numRuns: number } {
  return { numRuns: Math.max(1, Math.min(20, ctx.fcParameters.numRuns ?? 20)) };
}

const ORIGIN = 'http://streamconform.test';

/** The route of an SSE-022 run (the calls on a manual event stream, or values through sseResponse) and what it threw. */
function eventSourceRoute(how: Via, calls: readonly SseCall[]): { handler: (c: Context) => Promise<unknown>; failure(): unknown; log: CallLog } {
  let failure: unknown;
  const log = new CallLog();
  const handler = async (c: Context): Promise<unknown> => {
    try {
      if (how === 'sseResponse') return await c.sseResponse(yieldEach(calls.map((call) => call.data)));
      const stream = await c.createStream(EVENT_STREAM);
      writeAll(stream, calls, log);
      const closed = log.call(() => stream.close(), 'close()');
      if (closed.threw) throw new Mismatch(`close() threw ${describeThrown(closed.error)}`);
      return stream.response;
    } catch (error) {
      failure ??= error;
      throw error;
    }
  };
  return { handler, failure: () => failure, log };
}

/** Reads the run's stream with a real EventSource and compares with the model. */
async function expectEventSourceReads(
  how: Via,
  calls: readonly SseCall[],
  route: ReturnType<typeof eventSourceRoute>,
  read: (types: string[]) => Promise<EventSourceReading>,
): Promise<void> {
  const expected = how === 'writeSSE' ? expectedClientEvents(calls) : expectedClientEvents(calls.map((call) => ({ data: call.data })));
  const reading = await read([...new Set(expected.map((event) => event.type))]);
  const failure = route.failure();
  if (failure instanceof Mismatch) throw failure;
  if (failure !== undefined) throw new Mismatch(`the handler failed: ${describeThrown(failure)}`);
  await route.log.expectFulfilled();
  const subject = how === 'writeSSE' ? subjectOf(calls) : `sseResponse yielding ${fc.stringify(calls.map((call) => call.data))}`;
  expectThat(reading.outcome === 'ended', `${subject}: the EventSource failed the connection (${escapeText(reading.message)}) instead of reading the stream to its end`);
  expectThat(
    JSON.stringify(reading.events) === JSON.stringify(expected),
    `${subject}: the EventSource dispatched ${describeEvents(reading.events)}, expected ${describeEvents(expected)}`,
  );
}

const realClientFetch: Check = {
  requirement: 'SSE-022',
  title: 'a real EventSource client (fetch handed to the adapter) reads every event',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(via(), sseCalls({ minLength: 1, maxLength: 4 }), async (how, calls) => {
        const app: App = await ctx.adapter.createApp();
        const route = eventSourceRoute(how, calls);
        app.get(CHECK_PATH, route.handler);
        await expectEventSourceReads(how, calls, route, (types) =>
          readWithEventSource(ORIGIN + CHECK_PATH, {
            types,
            timeoutMs: 2000,
            fetch: (url, init) => ctx.adapter.handle(app, new Request(url, init as RequestInit)),
          }),
        );
      }),
      eventSourceRuns(ctx),
    );
  },
};

const realClientMsw: Check = {
  requirement: 'SSE-022',
  title: 'a real EventSource client reads every event through msw intercepting fetch',
  async run(ctx) {
    let current: App | undefined;
    const server = setupServer(
      http.get(`${ORIGIN}/*`, async ({ request }) => {
        if (current === undefined) return new Response('no app for this run', { status: 500 });
        return ctx.adapter.handle(current, request);
      }),
    );
    server.listen({ onUnhandledFrame: 'error' });
    try {
      await checkProperty(
        ctx,
        fc.asyncProperty(via(), sseCalls({ minLength: 1, maxLength: 4 }), async (how, calls) => {
          const app: App = await ctx.adapter.createApp();
          const route = eventSourceRoute(how, calls);
          app.get(CHECK_PATH, route.handler);
          current = app;
          await expectEventSourceReads(how, calls, route, (types) => readWithEventSource(ORIGIN + CHECK_PATH, { types, timeoutMs: 2000 }));
        }),
        eventSourceRuns(ctx),
      );
    } finally {
      current = undefined;
      server.close();
    }
  },
};

/** The checks of SSE-001..022. */
export const sseChecks: Check[] = [
  contentTypeExact,
  defaultSseHeaderCheck('SSE-002', 'Cache-Control', 'no-cache', NO_CACHE_RULE),
  defaultSseHeaderCheck('SSE-003', 'X-Accel-Buffering', 'no', 'an sseResponse SHOULD carry X-Accel-Buffering: no (nginx buffers otherwise) unless options.headers set it'),
  oneCallOneEvent,
  dataSplitOnLineBreaks,
  dataColonSpace,
  nonStringIsJson,
  unserializableRefused,
  emptyStringIsEvent,
  eventSetsType,
  idSetsLastEventId,
  refusedFieldCheck('SSE-012', 'writeSSE with an event containing CR or LF throws a TypeError and writes nothing', 'event', injectingEventType(), 'a line break in event would inject fields (WHATWG HTML §9.2.5)'),
  refusedFieldCheck('SSE-013', 'writeSSE with an id containing CR, LF or NUL throws a TypeError and writes nothing', 'id', forbiddenId(), 'a line break in id would inject fields, and a client ignores an id with NUL (WHATWG HTML §9.2.6)'),
  retrySent,
  refusedFieldCheck('SSE-014', 'writeSSE with a retry that is not a non-negative integer throws a TypeError and writes nothing', 'retry', invalidRetry(), 'retry must be a non-negative integer (WHATWG HTML §9.2.6)'),
  grammar,
  noInjection,
  unicodeSurvives,
  sseResponseOneEventPerValue,
  sseResponseEventOption,
  sseResponseRetryFirst,
  heartbeatComments,
  realClientFetch,
  realClientMsw,
];
