/**
 * SSE-022: a real EventSource client (the `eventsource` package) reads every
 * event, and dispatches what the dispatch model reads from the same bytes:
 * with fetch handed to the adapter, and through msw intercepting fetch.
 */
import fc from 'fast-check';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { clientCalls } from '../../arbitraries/sse-calls.ts';
import { sseVia, type SseCall, type SseVia } from '../../arbitraries/sse-options.ts';
import { type App, type Context } from '../../adapter/under-test.ts';
import { escapeText } from '../../bytes/escape.ts';
import { CallLog, describeThrown } from '../../drive/attempt.ts';
import { CHECK_PATH } from '../../drive/exchange.ts';
import { readWithEventSource, type EventSourceReading } from '../../drive/in-process-event-source.ts';
import { describeEvents } from '../../drive/judge-event-stream.ts';
import { yieldEach } from '../../drive/stream-run.ts';
import { readEventStream } from '../../oracles/event-stream.ts';
import { isNotAVerdict, type Check, type CheckContext } from '../../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../../runner/property.ts';
import { currentRuntime } from '../../adapter/runtime.ts';
import { EVENT_STREAM, sent, subjectOf, writeAll } from './shared.ts';

/** SSE-022 runs: each opens an EventSource, so few. */
function eventSourceRuns(ctx: CheckContext): { numRuns: number } {
  return { numRuns: Math.max(1, Math.min(20, ctx.fcParameters.numRuns ?? 20)) };
}

const ORIGIN = 'http://streamconform.test';

/** What one SSE-022 run serves: the handler, what it threw, and a copy of the bytes the client was given. */
interface EventSourceRoute {
  handler: (c: Context) => Promise<unknown>;
  failure(): unknown;
  log: CallLog;
  /** Hands `response` to the client, keeping a copy of its body. */
  tee(response: Response): Response;
  /** The body the client was given (after the response was teed). */
  served(): Promise<ReadCopy | undefined>;
}

function eventSourceRoute(how: SseVia, calls: readonly SseCall[]): EventSourceRoute {
  let failure: unknown;
  let copy: Promise<ReadCopy | undefined> | undefined;
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
  return {
    handler,
    failure: () => failure,
    log,
    tee(response) {
      if (response.body === null) {
        copy = Promise.resolve({ bytes: new Uint8Array() });
        return response;
      }
      const [forClient, forUs] = response.body.tee();
      copy = readBytes(forUs as ReadableStream<unknown>);
      return new Response(forClient, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
    served: () => copy ?? Promise.resolve(undefined),
  };
}

/** A body read to its end (2 s at most): its bytes, and what went wrong on the way. */
interface ReadCopy {
  bytes: Uint8Array;
  /** Why the body did not end cleanly: it errored, carried a chunk that is not bytes, or did not end in time. */
  problem?: string;
}

async function readBytes(body: ReadableStream<unknown>): Promise<ReadCopy> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  const deadline = Date.now() + 2000;
  let problem: string | undefined;
  try {
    while (true) {
      const next = await Promise.race([reader.read(), new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), Math.max(1, deadline - Date.now())))]);
      if (next === 'late') {
        problem = 'the body did not end within 2000 ms';
        break;
      }
      if (next.done) break;
      if (!(next.value instanceof Uint8Array)) {
        problem = `the body carried a chunk that is not bytes (${Object.prototype.toString.call(next.value)})`;
        break;
      }
      parts.push(next.value);
    }
  } catch (error) {
    problem = `the body ended in error: ${describeThrown(error)}`;
  } finally {
    void reader.cancel().catch(() => {});
  }
  return { bytes: Uint8Array.from(parts.flatMap((part) => [...part])), ...(problem === undefined ? {} : { problem }) };
}

/** The event types an SSE-022 client listens to: `message` and those the calls name. */
function listenedTypes(calls: readonly SseCall[]): string[] {
  return [...new Set(['message', ...calls.flatMap((call) => (call.options?.event ? [call.options.event.toWellFormed()] : []))])];
}

/** Reads the run's stream with a real EventSource; it must read it to the end and dispatch what the model reads from the same bytes. */
async function expectEventSourceReads(how: SseVia, calls: readonly SseCall[], route: EventSourceRoute, read: (types: string[]) => Promise<EventSourceReading>): Promise<void> {
  const types = listenedTypes(how === 'writeSSE' ? calls : []);
  const reading = await read(types);
  const failure = route.failure();
  if (failure instanceof Mismatch || isNotAVerdict(failure)) throw failure;
  if (failure !== undefined) throw new Mismatch(`the handler failed: ${describeThrown(failure)}`);
  await route.log.expectFulfilled();
  const subject = how === 'writeSSE' ? subjectOf(calls) : `sseResponse yielding ${fc.stringify(calls.map((call) => call.data))}`;
  const copy = await route.served();
  expectThat(copy !== undefined, `${subject}: the EventSource read a response the suite never saw`);
  const { bytes, problem } = copy;
  expectThat(reading.outcome === 'ended', `${subject}: the EventSource failed the connection (${escapeText(reading.message)}) instead of reading the stream to its end`, sent(bytes));
  expectThat(problem === undefined, `${subject}: the EventSource could not read the stream to its end: ${problem}`, sent(bytes));
  const expected = readEventStream(bytes).events.filter((event) => types.includes(event.type)).map(({ type, data, lastEventId }) => ({ type, data, lastEventId }));
  expectThat(
    JSON.stringify(reading.events) === JSON.stringify(expected),
    `${subject}: the EventSource dispatched ${describeEvents(reading.events)}, but the bytes it was given read ${describeEvents(expected)} (WHATWG HTML §9.2.6)`,
    sent(bytes),
  );
}

/** A fresh app of the adapter serving one SSE-022 run at the check's path. */
async function servedRun(ctx: CheckContext, how: SseVia, calls: readonly SseCall[]): Promise<{ app: App; route: EventSourceRoute }> {
  const app: App = await ctx.adapter.createApp();
  const route = eventSourceRoute(how, calls);
  app.get(CHECK_PATH, route.handler);
  return { app, route };
}

export const realClientFetch: Check = {
  requirement: 'SSE-022',
  title: 'a real EventSource client (fetch handed to the adapter) reads every event',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseVia(), clientCalls(), async (how, calls) => {
        const { app, route } = await servedRun(ctx, how, calls);
        await expectEventSourceReads(how, calls, route, (types) =>
          readWithEventSource(ORIGIN + CHECK_PATH, {
            types,
            timeoutMs: 2000,
            fetch: async (url, init) => route.tee(await ctx.adapter.handle(app, new Request(url, init as RequestInit))),
          }),
        );
      }),
      eventSourceRuns(ctx),
    );
  },
};

export const realClientMsw: Check = {
  requirement: 'SSE-022',
  title: 'a real EventSource client reads every event through msw intercepting fetch',
  async run(ctx) {
    let current: { app: App; route: EventSourceRoute } | undefined;
    const server = setupServer(
      http.get(`${ORIGIN}/*`, async ({ request }) => {
        if (current === undefined) return new Response('no app for this run', { status: 500 });
        return current.route.tee(await ctx.adapter.handle(current.app, request));
      }),
    );
    server.listen({ onUnhandledFrame: 'error' });
    try {
      // msw intercepts fetch on Node; on Bun and Deno (msw 3) the request goes to the network instead. There the
      // other SSE-022 check (fetch handed to the adapter) judges alone, and the result says so.
      if (currentRuntime() !== 'node' && !(await mswIntercepts())) {
        ctx.note?.(`SSE-022: msw does not intercept fetch on ${currentRuntime()}, so the EventSource was run only with a fetch handed to the adapter`);
        return;
      }
      await checkProperty(
        ctx,
        fc.asyncProperty(sseVia(), clientCalls(), async (how, calls) => {
          const served = await servedRun(ctx, how, calls);
          current = served;
          await expectEventSourceReads(how, calls, served.route, (types) => readWithEventSource(ORIGIN + CHECK_PATH, { types, timeoutMs: 2000 }));
        }),
        eventSourceRuns(ctx),
      );
    } finally {
      current = undefined;
      server.close();
    }
  },
};

/** Does msw (listening, with no app for the run yet) answer a fetch of {@link ORIGIN} in this runtime? */
async function mswIntercepts(): Promise<boolean> {
  try {
    const response = await fetch(`${ORIGIN}/streamconform-probe`, { signal: AbortSignal.timeout(2000) });
    return (await response.text()) === 'no app for this run';
  } catch {
    return false;
  }
}
