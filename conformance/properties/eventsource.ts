/**
 * WIRE-013..016: a real EventSource client — the `eventsource` package,
 * WHATWG-conformant and written by nobody here — reads the implementation's
 * event streams over a real socket (`adapter.listen`). One server per check;
 * each property run registers its own script under a `run` query parameter.
 * See WHATWG HTML §9.2 (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 */
import fc from 'fast-check';
import { eventPlan, eventTypeText, measurableRetry, plannedData, resumablePlan, shortRetry, type PlannedEvent } from '../arbitraries/event-plan.ts';
import { escapeText } from '../drive/escape.ts';
import { within } from '../drive/exchange.ts';
import { openEventSource, READY_STATE, type EventSourceSession } from '../drive/event-source-client.ts';
import { CLOSED_MARK, sseResponsePlan, writeSsePlan, type PlanScript } from '../drive/plan-scripts.ts';
import { startScriptedServer, type ScriptedRun, type ScriptedServer } from '../drive/scripted-server.ts';
import { describeError } from '../adapter/load.ts';
import {
  compareDispatches,
  describePlannedCall,
  finalLastEventId,
  lastEventIdHeaderCarries,
  listenedTypes,
} from '../oracles/dispatch-model.ts';
import type { Check, CheckContext } from '../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

/** How long a stream of a few events may take to reach the client and end. */
const STREAM_END_MS = 2000;
/**
 * How long to wait for a reconnection whose delay the check does not judge:
 * a client that never got (or never honoured) `retry` waits its default
 * 3000 ms (WHATWG HTML §9.2.2 leaves it to the client; `eventsource` and
 * Chromium use 3 s). Waiting past it keeps WIRE-014/016 independent of WIRE-015.
 */
const ANY_RECONNECTION_MS = 4000;
/** Scheduling slack allowed above `retry` (never below it). */
const RECONNECT_SLACK_MS = 1000;

const CLIENT = 'the eventsource client';

/** Runs per property: small, every run opens a socket (and some wait for a reconnection). */
function runs(ctx: CheckContext, at: number): { numRuns: number } {
  return { numRuns: Math.max(1, Math.min(ctx.fcParameters.numRuns ?? at, at)) };
}

/** Runs `body` with one server for the whole check, closed at the end. */
async function withServer(ctx: CheckContext, body: (server: ScriptedServer) => Promise<void>): Promise<void> {
  const server = await startScriptedServer(ctx.adapter);
  try {
    await body(server);
  } finally {
    // Closing is not what these checks judge; a server that does not close costs at most 2 s.
    await within(server.close(), 2000, 'closing the server').catch(() => {});
  }
}

/** Registers a script, opens an EventSource on it, and cleans both up after `body`. */
async function withClient<T>(
  ctx: CheckContext,
  server: ScriptedServer,
  plan: PlanScript,
  types: readonly string[],
  body: (session: EventSourceSession, run: ScriptedRun) => Promise<T>,
): Promise<T> {
  const run = server.register(plan.script);
  const session = openEventSource(run.url, types, ctx.signal);
  try {
    return await body(session, run);
  } catch (error) {
    if (error instanceof Mismatch) throw error;
    // A wait that timed out: say what the client had seen, with the bytes it read.
    throw new Mismatch(`${describeError(error)}; ${describeSession(session, run)}`, { sent: session.bytesOf(0), eventStream: true });
  } finally {
    session.close();
    run.dispose();
  }
}

/** A yielded value as a person reads it, CR/LF visible. */
function describeValue(value: unknown): string {
  return typeof value === 'string' ? `"${escapeText(value)}"` : escapeText(JSON.stringify(value));
}

function describeSession(session: EventSourceSession, run: ScriptedRun): string {
  const statuses = session.responses.map((response) => `${response.status} ${response.contentType ?? '(no content-type)'}`);
  const errors = session.errors.map((error) => `error(${error.code ?? '-'}, readyState ${error.readyState}${error.message ? `: ${error.message}` : ''})`);
  const thrown = run.errors.map((error) => describeError(error));
  return [
    `the handler was called ${run.requests.length} time(s)`,
    `the client got ${statuses.length > 0 ? statuses.join(', ') : 'no response'}`,
    `${session.dispatches.length} event(s) dispatched`,
    errors.length > 0 ? errors.join(', ') : 'no error event',
    ...(thrown.length > 0 ? [`the handler threw ${thrown.join('; ')}`] : []),
  ].join('; ');
}

/** Fails when the first response did not reach the client as an open event stream. */
function expectStreamOpened(session: EventSourceSession, run: ScriptedRun): void {
  const first = session.errors[0];
  expectThat(
    first !== undefined && first.readyState === READY_STATE.CONNECTING,
    `${CLIENT} failed the connection instead of reading the stream to its end (${describeSession(session, run)})`,
    { sent: session.bytesOf(0), eventStream: true },
  );
}

function expectNoThrownCalls(plan: PlanScript, sent: Uint8Array): void {
  const thrown = plan.outcomes.findIndex((outcome) => outcome.kind === 'threw');
  if (thrown === -1) return;
  const outcome = plan.outcomes[thrown]!;
  throw new Mismatch(`writeSSE call #${thrown + 1} threw ${outcome.kind === 'threw' ? describeError(outcome.error) : ''}; it is a valid call`, {
    sent,
    eventStream: true,
  });
}

const eventsArrive: Check = {
  requirement: 'WIRE-013',
  title: 'writeSSE events reach the eventsource client with data, type and lastEventId',
  async run(ctx) {
    await withServer(ctx, async (server) => {
      await checkProperty(
        ctx,
        fc.asyncProperty(eventPlan({ types: true, ids: true }), async (plan: PlannedEvent[]) => {
          const script = writeSsePlan(plan);
          await withClient(ctx, server, script, listenedTypes(plan), async (session, run) => {
            await session.error(1, STREAM_END_MS, 'the end of the stream (the EventSource error event)');
            const sent = session.bytesOf(0);
            expectNoThrownCalls(script, sent);
            expectStreamOpened(session, run);
            const misrouted = session.dispatches.find((dispatch) => dispatch.listener !== dispatch.type);
            expectThat(misrouted === undefined, `an event of type "${escapeText(misrouted?.type ?? '')}" reached the "${escapeText(misrouted?.listener ?? '')}" listener`, {
              sent,
              eventStream: true,
            });
            const difference = compareDispatches(plan, session.dispatches, CLIENT);
            expectThat(difference === undefined, difference ?? '', { sent, eventStream: true });
          });
        }),
        runs(ctx, 25),
      );
    });
  },
};

const sseResponseEventsArrive: Check = {
  requirement: 'WIRE-013',
  title: 'sseResponse values reach the eventsource client with data and type',
  async run(ctx) {
    await withServer(ctx, async (server) => {
      await checkProperty(
        ctx,
        fc.asyncProperty(
          fc.array(plannedData(), { minLength: 1, maxLength: 5 }),
          fc.option(eventTypeText(), { nil: undefined }),
          async (values: unknown[], event: string | undefined) => {
            const plan: PlannedEvent[] = values.map((data) => ({ data, ...(event === undefined ? {} : { event }) }));
            const script = sseResponsePlan(values, event === undefined ? {} : { event });
            await withClient(ctx, server, script, listenedTypes(plan), async (session, run) => {
              await session.error(1, STREAM_END_MS, 'the end of the stream (the EventSource error event)');
              const sent = session.bytesOf(0);
              expectStreamOpened(session, run);
              const difference = compareDispatches(plan, session.dispatches, CLIENT, (planned) => `yield ${describeValue(planned.data)}`);
              expectThat(difference === undefined, `sseResponse(${values.length} value(s)${event === undefined ? '' : `, { event: "${escapeText(event)}" }`}): ${difference}`, {
                sent,
                eventStream: true,
              });
            });
          },
        ),
        runs(ctx, 15),
      );
    });
  },
};

const lastEventIdReachesHandler: Check = {
  requirement: 'WIRE-014',
  title: 'the reconnection carries Last-Event-ID and the handler sees it',
  async run(ctx) {
    await withServer(ctx, async (server) => {
      await checkProperty(
        ctx,
        fc.asyncProperty(resumablePlan(), shortRetry(), async (plan: PlannedEvent[], retry: number) => {
          const script = writeSsePlan(plan, { retry });
          await withClient(ctx, server, script, listenedTypes(plan), async (session, run) => {
            await session.error(1, STREAM_END_MS, 'the end of the first stream (the EventSource error event)');
            expectNoThrownCalls(script, session.bytesOf(0));
            expectStreamOpened(session, run);
            const reconnection = await run.request(2, ANY_RECONNECTION_MS, 'the EventSource reconnecting');
            const id = finalLastEventId(plan);
            expectThat(
              lastEventIdHeaderCarries(reconnection.lastEventId, id),
              `after ${plan.map((planned) => describePlannedCall(planned)).join(', ')} the client's last event id is "${escapeText(id.toWellFormed())}"; ` +
                `on the reconnection the handler saw ctx.req.headers.get('last-event-id') = ${reconnection.lastEventId === null ? 'null' : `"${escapeText(reconnection.lastEventId)}"`}`,
              { sent: session.bytesOf(0), eventStream: true },
            );
          });
        }),
        runs(ctx, 4),
      );
    });
  },
};

const retrySetsDelay: Check = {
  requirement: 'WIRE-015',
  title: 'the eventsource client reconnects no sooner than retry, and not at its default',
  async run(ctx) {
    await withServer(ctx, async (server) => {
      await checkProperty(
        ctx,
        fc.asyncProperty(measurableRetry(), fc.constantFrom('writeSSE', 'sseResponse'), plannedData(), async (retry: number, via: string, data: unknown) => {
          const script = via === 'writeSSE' ? writeSsePlan([{ data }], { retry }) : sseResponsePlan([data], { retry });
          const call = via === 'writeSSE' ? describePlannedCall({ data }, retry) : `sseResponse([one value], { retry: ${retry} })`;
          await withClient(ctx, server, script, ['message'], async (session, run) => {
            await session.error(1, STREAM_END_MS, 'the end of the first stream (the EventSource error event)');
            expectStreamOpened(session, run);
            const closedAt = run.marks.get(CLOSED_MARK);
            expectThat(closedAt !== undefined, `${call}: the stream was never ended by the script (the generator was not pulled to its end)`);
            const deadline = retry + RECONNECT_SLACK_MS;
            let arrivedAt: number;
            try {
              arrivedAt = (await run.request(2, deadline + 50, 'the reconnection')).arrivedAtMs;
            } catch {
              throw new Mismatch(
                `${call}, then the stream ended: the client did not reconnect within ${deadline} ms (retry + ${RECONNECT_SLACK_MS} ms of slack); ` +
                  'a client that never received the retry field waits its default 3000 ms',
                { sent: session.bytesOf(0), eventStream: true },
              );
            }
            const waited = arrivedAt - closedAt;
            expectThat(
              waited >= retry,
              `${call}, then the stream ended: the client reconnected after ${waited} ms, sooner than retry ${retry} ms (the retry field was not sent as written)`,
              { sent: session.bytesOf(0), eventStream: true },
            );
            expectThat(
              waited <= deadline,
              `${call}, then the stream ended: the client reconnected after ${waited} ms, more than retry + ${RECONNECT_SLACK_MS} ms`,
              { sent: session.bytesOf(0), eventStream: true },
            );
          });
        }),
        // Each run waits at least retry ms: report the first failing run unshrunk.
        { ...runs(ctx, 3), endOnFailure: true },
      );
    });
  },
};

const noReconnectAfter204: Check = {
  requirement: 'WIRE-016',
  title: 'a 204 reaches the eventsource client as 204 and it does not reconnect',
  async run(ctx) {
    await withServer(ctx, async (server) => {
      await checkProperty(
        ctx,
        fc.asyncProperty(fc.integer({ min: 20, max: 150 }), plannedData(), async (retry: number, data: unknown) => {
          // The first request streams one event with a short retry; the reconnection gets 204; a third request must never come.
          const script = writeSsePlan([{ data }], { retry, reconnection: () => new Response(null, { status: 204 }) });
          await withClient(ctx, server, script, ['message'], async (session, run) => {
            await session.error(1, STREAM_END_MS, 'the end of the first stream (the EventSource error event)');
            expectStreamOpened(session, run);
            const second = await run.request(2, ANY_RECONNECTION_MS, 'the EventSource reconnecting');
            await session.error(2, STREAM_END_MS, 'the error event that follows a 204');
            const answer = session.responses[1];
            expectThat(
              answer !== undefined && answer.status === 204,
              `the handler returned new Response(null, { status: 204 }); the client received ${answer === undefined ? 'no response' : `${answer.status} ${answer.contentType ?? '(no content-type)'}`}`,
              { sent: session.bytesOf(1), eventStream: true },
            );
            expectThat(
              session.errors[1]!.readyState === READY_STATE.CLOSED,
              `after the 204 the client's readyState is ${session.errors[1]!.readyState}, not CLOSED (2): it will reconnect`,
            );
            // Watch for three times the delay the client actually used before its reconnection.
            const delay = Math.max(retry, second.arrivedAtMs - (run.marks.get(CLOSED_MARK) ?? second.arrivedAtMs));
            const window = 3 * delay;
            const third = await run.request(3, window, 'a third request').catch(() => undefined);
            expectThat(
              third === undefined,
              `after the 204 the client connected again (request #3 came ${third ? third.arrivedAtMs - second.arrivedAtMs : 0} ms after the 204)`,
              { sent: session.bytesOf(1), eventStream: true },
            );
          });
        }),
        runs(ctx, 3),
      );
    });
  },
};

/** The checks of WIRE-013..016 (real `eventsource` client over a socket). */
export const eventSourceChecks: Check[] = [eventsArrive, sseResponseEventsArrive, lastEventIdReachesHandler, retrySetsDelay, noReconnectAfter204];
