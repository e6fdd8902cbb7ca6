/**
 * One server per check, many property runs: the implementation's app,
 * listening on a real socket through `adapter.listen`, with ONE suite route
 * whose behaviour is chosen per run by the `run` query parameter. Each run
 * registers a script (what the handler does on the first, second, ...
 * request of that run) and gets back the URL a client connects to and a log
 * of the requests that arrived (with the `Last-Event-ID` the handler saw and
 * when they came).
 */
import type { ListeningServer } from '../adapter/contract.ts';
import type { App, Context, ResolvedAdapter } from '../adapter/under-test.ts';
import { within } from './exchange.ts';

/** The path of the suite's scripted route. */
export const SCRIPTED_PATH = '/__streamconform/scripted';

/** One request of a run, as the handler saw it. */
export interface ScriptedRequest {
  /** 1 for the first request of the run, 2 for the reconnection, ... */
  attempt: number;
  /** `ctx.req.headers.get('last-event-id')` inside the handler. */
  lastEventId: string | null;
  /** When the handler was called, on the loop clock ({@link loopClockMs}). */
  arrivedAtMs: number;
}

/** What the handler does for one request of a run; returns the response. */
export type RunScript = (ctx: Context, request: ScriptedRequest, run: ScriptedRun) => unknown;

/** A registered run. */
export interface ScriptedRun {
  /** Absolute URL of the run (same origin as {@link ScriptedServer.origin}). */
  url: string;
  /** Path and query of the run (for a same-origin page). */
  path: string;
  /** Requests that arrived so far. */
  readonly requests: readonly ScriptedRequest[];
  /** Errors the script threw (the implementation's, e.g. a `writeSSE` that refused). */
  readonly errors: unknown[];
  /** Timestamps the script noted, by name (loop clock ms): e.g. `closed`. */
  readonly marks: Map<string, number>;
  /** Resolves with request number `attempt` (1-based) when it arrives; rejects after `ms`. */
  request(attempt: number, ms: number, what: string): Promise<ScriptedRequest>;
  /** Forgets the run: later requests for it are answered 204 (so a client stops). */
  dispose(): void;
}

export interface ScriptedServer {
  /** `http://127.0.0.1:port`, no trailing slash. */
  origin: string;
  /** The app under test (to register more routes before the first request, e.g. a page). */
  app: App;
  register(script: RunScript): ScriptedRun;
  close(): Promise<void>;
}

export interface ExtraRoute {
  path: string;
  handler: (ctx: Context) => unknown;
}

/**
 * The loop clock: milliseconds of `process.hrtime`, truncated as libuv's
 * timers truncate them. A timer of R ms set after an instant t fires at loop
 * time >= floor(t) + R, so intervals measured on this clock are exact lower
 * bounds: no slack is needed downward.
 */
export function loopClockMs(): number {
  return Number(process.hrtime.bigint() / 1_000_000n);
}

/** Starts the implementation's app on a socket with the scripted route (and `routes`). */
export async function startScriptedServer(adapter: ResolvedAdapter, routes: readonly ExtraRoute[] = []): Promise<ScriptedServer> {
  const app = await adapter.createApp();
  const runs = new Map<string, RunState>();
  let nextKey = 1;

  app.get(SCRIPTED_PATH, async (ctx: Context) => {
    const arrivedAtMs = loopClockMs();
    const key = new URL(ctx.req.url).searchParams.get('run') ?? '';
    const state = runs.get(key);
    // An unknown or finished run: 204 tells an EventSource to stop (WHATWG HTML §9.2.2).
    if (!state) return new Response(null, { status: 204 });
    const request: ScriptedRequest = {
      attempt: state.requests.length + 1,
      lastEventId: ctx.req.headers.get('last-event-id'),
      arrivedAtMs,
    };
    state.requests.push(request);
    state.notify();
    try {
      return await state.script(ctx, request, state.run);
    } catch (error) {
      state.run.errors.push(error);
      throw error;
    }
  });
  for (const route of routes) app.get(route.path, route.handler);

  const server: ListeningServer = await adapter.listen(app);
  const origin = server.url.replace(/\/+$/, '');

  return {
    origin,
    app,
    register(script) {
      const key = String(nextKey++);
      const path = `${SCRIPTED_PATH}?run=${key}`;
      const state = new RunState(script, origin + path, path, () => runs.delete(key));
      runs.set(key, state);
      return state.run;
    },
    close: () => server.close(),
  };
}

class RunState {
  readonly requests: ScriptedRequest[] = [];
  readonly run: ScriptedRun;
  #waiters: Array<() => void> = [];

  readonly script: RunScript;
  constructor(
    script: RunScript,
    url: string,
    path: string,
    dispose: () => void,
  ) {
    this.script = script;
    const requests = this.requests;
    this.run = {
      url,
      path,
      requests,
      errors: [],
      marks: new Map(),
      request: (attempt, ms, what) => within(this.#arrival(attempt), ms, what),
      dispose,
    };
  }

  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  async #arrival(attempt: number): Promise<ScriptedRequest> {
    while (this.requests.length < attempt) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    return this.requests[attempt - 1]!;
  }
}
