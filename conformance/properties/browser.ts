/**
 * BROWSER-001..004 (`--browser`): headless Chromium's own EventSource reads
 * the implementation's event streams, from a page the implementation serves
 * itself (same origin). One browser and one page per check; every property
 * run opens its own EventSource in that page.
 * See WHATWG HTML §9.2 (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 */
import fc from 'fast-check';
import { eventPlan, measurableRetry, resumablePlan, type PlannedEvent } from '../arbitraries/event-plan.ts';
import { withBrowserSession, type BrowserSession } from '../browser/browser-session.ts';
import type { PageCollection } from '../browser/test-page.ts';
import { describeError } from '../adapter/load.ts';
import { readBody } from '../drive/body.ts';
import { escapeText } from '../bytes/escape.ts';
import { CLOSED_MARK, writeSsePlan } from '../drive/plan-scripts.ts';
import type { ScriptedServer } from '../drive/scripted-server.ts';
import {
  compareDispatches,
  describePlannedCall,
  finalLastEventId,
  lastEventIdHeaderCarries,
  listenedTypes,
  mustBeRefused,
} from '../oracles/dispatch-model.ts';
import { CheckBlocked, type Check, type CheckContext } from '../runner/check.ts';
import { checkProperty, Mismatch } from '../runner/property.ts';

const CLIENT = 'Chromium';
/** How long a stream of a few events may take to reach Chromium and end. */
const STREAM_END_MS = 3000;
/** Scheduling slack allowed above `retry` (never below it). */
const RECONNECT_SLACK_MS = 1000;

function runs(ctx: CheckContext, at: number): { numRuns: number } {
  return { numRuns: Math.max(1, Math.min(ctx.fcParameters.numRuns ?? at, at)) };
}

/**
 * The bytes the implementation sends for `plan` (a fresh run fetched from
 * Node, for the report: Chromium does not show what it read).
 */
async function bytesFor(server: ScriptedServer, plan: readonly PlannedEvent[], signal: AbortSignal): Promise<Uint8Array | undefined> {
  const run = server.register(writeSsePlan(plan).script);
  try {
    const response = await fetch(run.url, { signal });
    const body = await readBody(response, { timeoutMs: 2000, signal });
    return body.bytes;
  } catch {
    return undefined;
  } finally {
    run.dispose();
  }
}

/** Fails with the bytes the implementation sends for `plan` attached. */
async function mismatch(ctx: CheckContext, session: BrowserSession, plan: readonly PlannedEvent[], message: string): Promise<never> {
  const sent = await bytesFor(session.server, plan, ctx.signal);
  throw new Mismatch(message, sent ? { sent, eventStream: true } : {});
}

function describeCollection(collection: PageCollection): string {
  const errors = collection.errors.map((error) => `error(readyState ${error.readyState})`).join(', ');
  return `${collection.dispatches.length} event(s) dispatched, ${errors || 'no error event'}, page stopped: ${collection.ended}`;
}

/** Streams `plan` to Chromium and compares what it dispatched with the model; returns the collection. */
async function streamPlanToChromium(ctx: CheckContext, session: BrowserSession, plan: PlannedEvent[]): Promise<void> {
  const script = writeSsePlan(plan);
  const run = session.server.register(script.script);
  try {
    const collection = await session.collect(run, { types: listenedTypes(plan), timeoutMs: STREAM_END_MS });
    for (const [index, outcome] of script.outcomes.entries()) {
      const planned = plan[index]!;
      if (mustBeRefused(planned) && outcome.kind === 'written') {
        // Refusing it is SSE-013's rule; what Chromium then makes of the stream cannot be judged against the plan.
        throw new CheckBlocked('SSE-013', `call #${index + 1} ${describePlannedCall(planned)} was accepted; an id with NUL must make writeSSE throw (nothing written)`);
      }
      if (!mustBeRefused(planned) && outcome.kind === 'threw') {
        await mismatch(ctx, session, plan, `call #${index + 1} ${describePlannedCall(planned)} threw ${describeError(outcome.error)}; it is a valid call`);
      }
    }
    if (collection.ended !== 'errors') {
      await mismatch(ctx, session, plan, `${CLIENT} did not read the stream to its end (${describeCollection(collection)}; handler called ${run.requests.length} time(s))`);
    }
    const misrouted = collection.dispatches.find((dispatch) => dispatch.listener !== dispatch.type);
    if (misrouted) {
      await mismatch(ctx, session, plan, `an event of type "${escapeText(misrouted.type)}" reached the "${escapeText(misrouted.listener)}" listener`);
    }
    const difference = compareDispatches(plan, collection.dispatches, CLIENT);
    if (difference !== undefined) await mismatch(ctx, session, plan, difference);
  } finally {
    run.dispose();
  }
}

function planCheck(requirement: 'BROWSER-001' | 'BROWSER-002' | 'BROWSER-003', title: string, plans: fc.Arbitrary<PlannedEvent[]>): Check {
  return {
    requirement,
    title,
    async run(ctx) {
      await withBrowserSession(ctx, async (session) => {
        await checkProperty(
          ctx,
          fc.asyncProperty(plans, (plan: PlannedEvent[]) => streamPlanToChromium(ctx, session, plan)),
          runs(ctx, 10),
        );
      });
    },
  };
}

const dataArrives = planCheck(
  'BROWSER-001',
  'Chromium dispatches the data of every writeSSE (multi-line text and JSON)',
  eventPlan({ minLength: 1, maxLength: 8 }),
);

const typesArrive = planCheck(
  'BROWSER-002',
  'Chromium dispatches typed events to their listeners, not to onmessage',
  eventPlan({ types: true, minLength: 1, maxLength: 6 }),
);

const idsArrive = planCheck(
  'BROWSER-003',
  'Chromium sees every event id, and an id refused for NUL leaves lastEventId unchanged',
  eventPlan({ ids: true, nulIds: true, minLength: 1, maxLength: 6 }),
);

const retryAndResume: Check = {
  requirement: 'BROWSER-004',
  title: 'Chromium reconnects no sooner than retry, not at its default, with Last-Event-ID',
  async run(ctx) {
    await withBrowserSession(ctx, async (session) => {
      await checkProperty(
        ctx,
        fc.asyncProperty(resumablePlan(), measurableRetry(), async (plan: PlannedEvent[], retry: number) => {
          const script = writeSsePlan(plan, { retry });
          const run = session.server.register(script.script);
          const deadline = retry + RECONNECT_SLACK_MS;
          const calls = plan.map((planned, index) => describePlannedCall(planned, index === 0 ? retry : undefined)).join(', ');
          try {
            // The first stream ends (error 1, CONNECTING), Chromium reconnects, gets 204 (error 2, CLOSED).
            const collection = await session.collect(run, { types: listenedTypes(plan), errors: 2, timeoutMs: STREAM_END_MS + deadline });
            const closedAt = run.marks.get(CLOSED_MARK);
            const reconnection = run.requests[1];
            if (closedAt === undefined || reconnection === undefined) {
              return await mismatch(
                ctx,
                session,
                plan,
                `${calls}, then the stream ended: Chromium did not reconnect within ${deadline} ms (retry + ${RECONNECT_SLACK_MS} ms of slack; ` +
                  `a client that never received the retry field waits its default 3000 ms) — ${describeCollection(collection)}`,
              );
            }
            const waited = reconnection.arrivedAtMs - closedAt;
            if (waited < retry) {
              return await mismatch(ctx, session, plan, `${calls}, then the stream ended: Chromium reconnected after ${waited} ms, sooner than retry ${retry} ms`);
            }
            if (waited > deadline) {
              return await mismatch(ctx, session, plan, `${calls}, then the stream ended: Chromium reconnected after ${waited} ms, more than retry + ${RECONNECT_SLACK_MS} ms`);
            }
            const id = finalLastEventId(plan);
            if (!lastEventIdHeaderCarries(reconnection.lastEventId, id)) {
              return await mismatch(
                ctx,
                session,
                plan,
                `after ${calls} Chromium's last event id is "${escapeText(id.toWellFormed())}"; on the reconnection the handler saw ` +
                  `ctx.req.headers.get('last-event-id') = ${reconnection.lastEventId === null ? 'null' : `"${escapeText(reconnection.lastEventId)}"`}`,
              );
            }
          } finally {
            run.dispose();
          }
        }),
        // Each run waits at least retry ms (3 s when retry is ignored): report the first failing run unshrunk.
        { ...runs(ctx, 3), endOnFailure: true },
      );
    });
  },
};

/** The checks of BROWSER-001..004 (Chromium's EventSource; the `--browser` profile). */
export const browserChecks: Check[] = [dataArrives, typesArrive, idsArrive, retryAndResume];
