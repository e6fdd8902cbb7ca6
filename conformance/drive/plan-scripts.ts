/**
 * Scripts for the scripted route ({@link startScriptedServer}): the first
 * request of a run sends a plan of events through the implementation (a
 * manual stream's `writeSSE`, or `sseResponse`), later requests (the client
 * reconnecting) are answered 204 so the client stops (WHATWG HTML §9.2.2).
 * The instant the stream was ended is marked `closed` on the loop clock.
 */
import type { PlannedEvent } from '../arbitraries/event-plan.ts';
import { writeOptions } from '../oracles/dispatch-model.ts';
import type { Context } from '../adapter/under-test.ts';
import { loopClockMs, type RunScript, type ScriptedRequest, type ScriptedRun } from './scripted-server.ts';

/** The mark a script sets when it ended the first stream. */
export const CLOSED_MARK = 'closed';

/** What each `writeSSE` call of the plan did. */
export type CallOutcome = { kind: 'written' } | { kind: 'threw'; error: unknown };

export interface PlanScript {
  script: RunScript;
  /** One entry per planned call, filled when the first request is handled. */
  outcomes: CallOutcome[];
}

/** What later requests get; default: 204 (stop). */
export type Reconnection = (ctx: Context, request: ScriptedRequest, run: ScriptedRun) => unknown;

const stop: Reconnection = () => new Response(null, { status: 204 });

/**
 * A manual stream (`contentType: 'text/event-stream'`) that makes one
 * `writeSSE` call per planned event — `retry` with the first — then closes.
 * A call that throws is recorded and the next one is made.
 */
export function writeSsePlan(plan: readonly PlannedEvent[], options: { retry?: number; reconnection?: Reconnection } = {}): PlanScript {
  const outcomes: CallOutcome[] = [];
  const script: RunScript = async (ctx, request, run) => {
    if (request.attempt > 1) return (options.reconnection ?? stop)(ctx, request, run);
    const stream = await ctx.createStream({ contentType: 'text/event-stream' });
    plan.forEach((planned, index) => {
      try {
        stream.writeSSE(planned.data, writeOptions(planned, index === 0 ? options.retry : undefined));
        outcomes.push({ kind: 'written' });
      } catch (error) {
        outcomes.push({ kind: 'threw', error });
      }
    });
    stream.close();
    run.marks.set(CLOSED_MARK, loopClockMs());
    return stream.response;
  };
  return { script, outcomes };
}

/**
 * `sseResponse` of a generator yielding `values`, with `event` and `retry`
 * options. The `closed` mark is set when the generator finishes (before the
 * body can end).
 */
export function sseResponsePlan(
  values: readonly unknown[],
  options: { event?: string; retry?: number; reconnection?: Reconnection } = {},
): PlanScript {
  const script: RunScript = async (ctx, request, run) => {
    if (request.attempt > 1) return (options.reconnection ?? stop)(ctx, request, run);
    async function* events(): AsyncGenerator<unknown> {
      for (const value of values) yield value;
      run.marks.set(CLOSED_MARK, loopClockMs());
    }
    return ctx.sseResponse(events(), {
      ...(options.event === undefined ? {} : { event: options.event }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    });
  };
  return { script, outcomes: [] };
}
