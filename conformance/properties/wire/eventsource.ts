/**
 * WIRE-013..016: a real EventSource client — the `eventsource` package,
 * WHATWG-conformant and written by nobody here — reads the implementation's
 * event streams over a real socket (`adapter.listen`). One server per check;
 * each property run registers its own script under a `run` query parameter.
 * See WHATWG HTML §9.2 (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 *
 * Each check judges its own rule only: a first response the client refuses
 * (its status: HDR-008; its media type: SSE-001), a valid `writeSSE` call that
 * throws (SSE-004), a stream that does not end after `close()` (WIRE-002),
 * events the client did not get as written (WIRE-013, for the id WIRE-014
 * expects back), a reconnection that never comes (WIRE-015, for WIRE-014 and
 * WIRE-016) make a run unjudgeable; the check is blocked by that requirement
 * when no run could be judged.
 */
import fc from 'fast-check';
import { eventPlan, measurableRetry, optionalEventType, plannedData, plannedValues, resumablePlan, retryBefore204, shortRetry, type PlannedEvent } from '../../arbitraries/event-plan.ts';
import { sseVia } from '../../arbitraries/sse-options.ts';
import { escapeText } from '../../bytes/escape.ts';
import { within } from '../../drive/exchange.ts';
import { openEventSource, READY_STATE, type EventSourceSession } from '../../drive/event-source-client.ts';
import { CLOSED_MARK, sseResponsePlan, writeSsePlan, type PlanScript } from '../../drive/plan-scripts.ts';
import { startScriptedServer, type ScriptedRun, type ScriptedServer } from '../../drive/scripted-server.ts';
import { describeError } from '../../adapter/load.ts';
import {
  compareDispatches,
  describePlannedCall,
  expectedDispatches,
  finalLastEventId,
  lastEventIdHeaderCarries,
  listenedTypes,
} from '../../oracles/dispatch-model.ts';
import type { RequirementId } from '../../requirements/types.ts';
import { ImplementationError, type Check, type CheckContext } from '../../runner/check.ts';
import { type ResolvedAdapter } from '../../adapter/under-test.ts';
import { checkProperty, expectThat, Mismatch } from '../../runner/property.ts';
import { Judging } from '../../wire/judging.ts';
import { validBaseUrl } from '../../wire/wire-server.ts';

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
/** Once every event arrived, how long the client may still wait for the stream's end before the events are judged anyway. */
const END_AFTER_EVENTS_MS = 200;

const CLIENT = 'the eventsource client';

/** Runs per property: small, every run opens a socket (and some wait for a reconnection). */
function runs(ctx: CheckContext, at: number): { numRuns: number } {
  return { numRuns: Math.max(1, Math.min(ctx.fcParameters.numRuns ?? at, at)) };
}

/** The adapter, with what its `listen` resolves to checked (a bad url is the implementation's fault, not the suite's). */
function checkedListen(adapter: ResolvedAdapter): ResolvedAdapter {
  return {
    ...adapter,
    async listen(app) {
      const what = `${adapter.name}: listen(app)`;
      const server = await adapter.listen(app);
      if (typeof server?.url !== 'string' || typeof server.close !== 'function') throw new ImplementationError(`${what} resolved to something without url and close()`);
      validBaseUrl(server.url, what);
      return server;
    },
  };
}

/** Runs `body` with one server for the whole check, closed at the end. */
async function withServer(ctx: CheckContext, body: (server: ScriptedServer) => Promise<void>): Promise<void> {
  const server = await startScriptedServer(checkedListen(ctx.adapter));
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

/** The media type of a Content-Type, without parameters, lower case. */
function essence(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Records a first response the client had to refuse (WHATWG HTML §9.2.2:
 * a status other than 200, a media type other than text/event-stream) as
 * unjudgeable: HDR-008 or SSE-001 judges it. True when it was.
 */
function refused(judging: Judging, session: EventSourceSession): boolean {
  const first = session.responses[0];
  if (first === undefined) return false;
  let blockedBy: RequirementId | undefined;
  let why = '';
  if (first.status !== 200) {
    blockedBy = 'HDR-008';
    why = `status ${first.status}, not 200`;
  } else if (essence(first.contentType) !== 'text/event-stream') {
    blockedBy = 'SSE-001';
    why = `Content-Type ${first.contentType === null ? '(none)' : `"${escapeText(first.contentType)}"`}, not text/event-stream`;
  }
  if (blockedBy === undefined) return false;
  judging.unmet('refused', blockedBy, `the event stream reached ${CLIENT} with ${why}, so the client failed the connection before reading any event (${blockedBy} judges that)`);
  return true;
}

/** Fails when the first stream's end did not leave the client reconnecting (it failed the connection instead). */
function expectStreamOpened(session: EventSourceSession, run: ScriptedRun): void {
  const first = session.errors[0];
  expectThat(
    first !== undefined && first.readyState === READY_STATE.CONNECTING,
    `${CLIENT} failed the connection instead of reading the stream to its end (${describeSession(session, run)})`,
    { sent: session.bytesOf(0), eventStream: true },
  );
}

/** Records a valid `writeSSE` call that threw as unjudgeable (SSE-004 judges the calls). True when one did. */
function threwValidCall(judging: Judging, plan: PlanScript): boolean {
  const thrown = plan.outcomes.findIndex((outcome) => outcome.kind === 'threw');
  if (thrown === -1) return false;
  const outcome = plan.outcomes[thrown]!;
  judging.unmet(
    'thrown',
    'SSE-004',
    `writeSSE call #${thrown + 1} threw ${outcome.kind === 'threw' ? describeError(outcome.error) : ''}; it is a valid call, and SSE-004 judges that every call is one event`,
  );
  return true;
}

/** Waits until the first stream ended (true), or until `events` events arrived and a little more (false), at most STREAM_END_MS. */
async function firstStreamEnd(session: EventSourceSession, events: number): Promise<boolean> {
  const ended = session.error(1, STREAM_END_MS, 'the end of the stream').then(
    () => true,
    () => false,
  );
  if (events === 0) return ended;
  const arrived = (async () => {
    const deadline = performance.now() + STREAM_END_MS;
    while (session.dispatches.length < events && session.errors.length === 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return 'arrived' as const;
  })();
  const first = await Promise.race([ended, arrived]);
  if (first !== 'arrived') return first;
  return within(ended, END_AFTER_EVENTS_MS, 'the end of the stream').catch(() => false);
}

/** Records a first stream that did not end after close() (or the generator's end) as unjudgeable: WIRE-002 judges it. */
function notEnded(judging: Judging, session: EventSourceSession, run: ScriptedRun): void {
  judging.unmet(
    'end',
    'WIRE-002',
    `the first stream did not end within ${STREAM_END_MS} ms after the handler ended it (${describeSession(session, run)}), so the client never reconnects; WIRE-002 judges how a stream ends`,
  );
}

/**
 * Waits for the end of the first stream (of a run that goes on to the
 * reconnection). True when the run can go on: the client did not refuse the
 * stream, no valid call threw, the stream ended, and the client did not fail
 * the connection (a mismatch); otherwise the run is recorded as unjudgeable.
 */
async function firstStreamEnded(judging: Judging, session: EventSourceSession, run: ScriptedRun, script: PlanScript): Promise<boolean> {
  const ended = await session.error(1, STREAM_END_MS, 'the end of the first stream').then(
    () => true,
    () => false,
  );
  if (refused(judging, session) || threwValidCall(judging, script)) return false;
  if (!ended) {
    notEnded(judging, session, run);
    return false;
  }
  expectStreamOpened(session, run);
  return true;
}

/**
 * One server for the whole check, one {@link Judging} for all its runs:
 * checks the property `property` makes with both, then concludes.
 */
async function checkOnOneServer<Ts>(
  ctx: CheckContext,
  parameters: Partial<fc.Parameters<Ts>>,
  property: (server: ScriptedServer, judging: Judging) => fc.IAsyncPropertyWithHooks<Ts>,
): Promise<void> {
  const judging = new Judging();
  await withServer(ctx, async (server) => {
    await checkProperty(ctx, property(server, judging), parameters);
  });
  judging.conclude();
}

export const eventsArrive: Check = {
  requirement: 'WIRE-013',
  title: 'writeSSE events reach the eventsource client with data, type and lastEventId',
  run: (ctx) =>
    checkOnOneServer(ctx, runs(ctx, 25), (server, judging) =>
      fc.asyncProperty(eventPlan({ types: true, ids: true }), async (plan: PlannedEvent[]) => {
        if (judging.known('refused') || judging.known('end')) return;
        const script = writeSsePlan(plan);
        await withClient(ctx, server, script, listenedTypes(plan), async (session, run) => {
          const ended = await firstStreamEnd(session, expectedDispatches(plan).length);
          const sent = session.bytesOf(0);
          if (refused(judging, session) || threwValidCall(judging, script)) return;
          if (!ended && session.dispatches.length < expectedDispatches(plan).length) return notEnded(judging, session, run);
          if (ended) expectStreamOpened(session, run);
          judging.judge();
          const misrouted = session.dispatches.find((dispatch) => dispatch.listener !== dispatch.type);
          expectThat(misrouted === undefined, `an event of type "${escapeText(misrouted?.type ?? '')}" reached the "${escapeText(misrouted?.listener ?? '')}" listener`, {
            sent,
            eventStream: true,
          });
          const difference = compareDispatches(plan, session.dispatches, CLIENT);
          expectThat(difference === undefined, difference ?? '', { sent, eventStream: true });
        });
      }),
    ),
};

export const sseResponseEventsArrive: Check = {
  requirement: 'WIRE-013',
  title: 'sseResponse values reach the eventsource client with data and type',
  run: (ctx) =>
    checkOnOneServer(ctx, runs(ctx, 15), (server, judging) =>
      fc.asyncProperty(
        plannedValues(),
        optionalEventType(),
        async (values: unknown[], event: string | undefined) => {
          if (judging.known('refused') || judging.known('end')) return;
          const plan: PlannedEvent[] = values.map((data) => ({ data, ...(event === undefined ? {} : { event }) }));
          const script = sseResponsePlan(values, event === undefined ? {} : { event });
          await withClient(ctx, server, script, listenedTypes(plan), async (session, run) => {
            const ended = await firstStreamEnd(session, plan.length);
            const sent = session.bytesOf(0);
            if (refused(judging, session)) return;
            if (!ended && session.dispatches.length < plan.length) return notEnded(judging, session, run);
            if (ended) expectStreamOpened(session, run);
            judging.judge();
            const difference = compareDispatches(plan, session.dispatches, CLIENT, (planned) => `yield ${describeValue(planned.data)}`);
            expectThat(difference === undefined, `sseResponse(${values.length} value(s)${event === undefined ? '' : `, { event: "${escapeText(event)}" }`}): ${difference}`, {
              sent,
              eventStream: true,
            });
          });
        },
      ),
    ),
};

/** Records a reconnection that did not come as unjudgeable: WIRE-015 judges the client's reconnection delay. */
function noReconnection(judging: Judging, session: EventSourceSession, run: ScriptedRun): void {
  judging.unmet(
    'reconnection',
    'WIRE-015',
    `after the first stream ended, ${CLIENT} did not reconnect within ${ANY_RECONNECTION_MS} ms (${describeSession(session, run)}); WIRE-015 judges the reconnection delay`,
  );
}

export const lastEventIdReachesHandler: Check = {
  requirement: 'WIRE-014',
  title: 'the reconnection carries Last-Event-ID and the handler sees it',
  run: (ctx) =>
    checkOnOneServer(ctx, runs(ctx, 4), (server, judging) =>
      fc.asyncProperty(resumablePlan(), shortRetry(), async (plan: PlannedEvent[], retry: number) => {
        if (judging.known('refused') || judging.known('end') || judging.known('reconnection')) return;
        const script = writeSsePlan(plan, { retry });
        await withClient(ctx, server, script, listenedTypes(plan), async (session, run) => {
          if (!(await firstStreamEnded(judging, session, run, script))) return;
          // The id the client sends back is the one it holds: if it did not get the events as written, that is WIRE-013's.
          const difference = compareDispatches(plan, session.dispatches, CLIENT);
          if (difference !== undefined) {
            judging.unmet('events', 'WIRE-013', `${difference}, so the id the client holds is not the one written (WIRE-013 judges what the client receives)`);
            return;
          }
          const reconnection = await run.request(2, ANY_RECONNECTION_MS, 'the EventSource reconnecting').catch(() => undefined);
          if (reconnection === undefined) return noReconnection(judging, session, run);
          judging.judge();
          const id = finalLastEventId(plan);
          expectThat(
            lastEventIdHeaderCarries(reconnection.lastEventId, id),
            `after ${plan.map((planned) => describePlannedCall(planned)).join(', ')} the client's last event id is "${escapeText(id.toWellFormed())}"; ` +
              `on the reconnection the handler saw ctx.req.headers.get('last-event-id') = ${reconnection.lastEventId === null ? 'null' : `"${escapeText(reconnection.lastEventId)}"`}`,
            { sent: session.bytesOf(0), eventStream: true },
          );
        });
      }),
    ),
};

export const retrySetsDelay: Check = {
  requirement: 'WIRE-015',
  title: 'the eventsource client reconnects no sooner than retry, and not at its default',
  run: (ctx) =>
    // Each run waits at least retry ms: report the first failing run unshrunk.
    checkOnOneServer(ctx, { ...runs(ctx, 3), endOnFailure: true }, (server, judging) =>
      fc.asyncProperty(measurableRetry(), sseVia(), plannedData(), async (retry: number, via: string, data: unknown) => {
        if (judging.known('refused') || judging.known('end')) return;
        const script = via === 'writeSSE' ? writeSsePlan([{ data }], { retry }) : sseResponsePlan([data], { retry });
        const call = via === 'writeSSE' ? describePlannedCall({ data }, retry) : `sseResponse([one value], { retry: ${retry} })`;
        await withClient(ctx, server, script, ['message'], async (session, run) => {
          if (!(await firstStreamEnded(judging, session, run, script))) return;
          const closedAt = run.marks.get(CLOSED_MARK);
          if (closedAt === undefined) {
            judging.unmet('finished', 'GEN-005', `${call}: the stream ended before the generator was pulled to its end (GEN-005 judges when a generator's body ends)`);
            return;
          }
          judging.judge();
          // The client's delay runs from when it saw the end; the handler ended the stream before that, so
          // measured from the handler's end the delay is never shorter than the client's.
          const endSeenAt = session.errors[0]!.atMs;
          const deadline = retry + RECONNECT_SLACK_MS;
          let arrivedAt: number;
          try {
            arrivedAt = (await run.request(2, deadline + 50, 'the reconnection')).arrivedAtMs;
          } catch {
            throw new Mismatch(
              `${call}, then the stream ended: the client did not reconnect within ${deadline} ms (retry + ${RECONNECT_SLACK_MS} ms of slack) of seeing the end; ` +
                'a client that never received the retry field waits its default 3000 ms',
              { sent: session.bytesOf(0), eventStream: true },
            );
          }
          const waited = arrivedAt - closedAt;
          expectThat(
            waited >= retry,
            `${call}, then the stream ended: the client reconnected ${waited} ms after the handler ended the stream, sooner than retry ${retry} ms (the retry field was not sent as written)`,
            { sent: session.bytesOf(0), eventStream: true },
          );
          expectThat(
            arrivedAt - endSeenAt <= deadline,
            `${call}, then the stream ended: the client reconnected ${arrivedAt - endSeenAt} ms after it saw the end, more than retry + ${RECONNECT_SLACK_MS} ms`,
            { sent: session.bytesOf(0), eventStream: true },
          );
        });
      }),
    ),
};

export const noReconnectAfter204: Check = {
  requirement: 'WIRE-016',
  title: 'a 204 reaches the eventsource client as 204 and it does not reconnect',
  run: (ctx) =>
    checkOnOneServer(ctx, runs(ctx, 3), (server, judging) =>
      fc.asyncProperty(retryBefore204(), plannedData(), async (retry: number, data: unknown) => {
        if (judging.known('refused') || judging.known('end') || judging.known('reconnection')) return;
        // The first request streams one event with a short retry; the reconnection gets 204; a third request must never come.
        const script = writeSsePlan([{ data }], { retry, reconnection: () => new Response(null, { status: 204 }) });
        await withClient(ctx, server, script, ['message'], async (session, run) => {
          if (!(await firstStreamEnded(judging, session, run, script))) return;
          const second = await run.request(2, ANY_RECONNECTION_MS, 'the EventSource reconnecting').catch(() => undefined);
          if (second === undefined) return noReconnection(judging, session, run);
          judging.judge();
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
    ),
};
