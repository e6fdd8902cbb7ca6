/**
 * Mounts the load scenario routes (see `load/k6/lib/routes.ts`) and `/metrics`
 * on any adapter's app, through the guide's API only: `createStream` +
 * `write` / `writeChunk` / `writeSSE`, `streamResponse`, `chunkedResponse`,
 * `sseResponse`, `ctx.req.signal`, `ctx.json`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { App, Context, ManualStreamUnderTest } from '../../conformance/adapter/under-test.ts';
import { binaryBlock, payloadRecord, SSE_EVENT_TYPE, textLine } from '../k6/lib/payload.ts';
import { METRICS_PATH, ROUTES, type RouteParams, type RouteSpec, type ScenarioName } from '../k6/lib/routes.ts';
import { LoadParamError, parseRouteParams } from './params.ts';
import type { StreamLease, StreamTracker } from './tracker.ts';

/** What `GET /metrics` answers (JSON). */
export interface TargetMetrics {
  pid: number;
  uptimeMs: number;
  memory: NodeJS.MemoryUsage;
  streams: ReturnType<StreamTracker['snapshot']>['streams'];
  bytesProduced: number;
  /** `/metrics` requests so far, this one included. */
  metricsRequests: number;
}

type RouteHandler = (ctx: Context, params: RouteParams, lease: StreamLease) => Promise<Response>;

function badRequest(error: LoadParamError): Response {
  return new Response(JSON.stringify({ error: error.message, code: error.code, param: error.param }), {
    status: 400,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Waits `ms`, or rejects with an AbortError as soon as the client has gone. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}

/** Resolves when the manual stream has capacity (`ready`, when the implementation has it) or the client went away. */
async function capacity(stream: ManualStreamUnderTest, signal: AbortSignal): Promise<void> {
  if (!stream.ready || signal.aborted) return;
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    stream.ready!.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function streamSignal(ctx: Context, stream?: ManualStreamUnderTest): AbortSignal {
  const own = (stream as { signal?: unknown } | undefined)?.signal;
  return own instanceof AbortSignal ? AbortSignal.any([ctx.req.signal, own]) : ctx.req.signal;
}

/**
 * Runs a manual writer in the background; the handler returns `stream.response`
 * at once (the guide allows writing after returning it).
 */
function writeInBackground(
  stream: ManualStreamUnderTest,
  signal: AbortSignal,
  lease: StreamLease,
  params: RouteParams,
  writeUnit: (index: number) => number,
): void {
  void (async () => {
    let outcome: 'completed' | 'aborted' | 'failed' = 'completed';
    try {
      for (let index = 1; index <= params.count; index += 1) {
        if (index > 1 && params.interval > 0) await pause(params.interval, signal);
        await capacity(stream, signal);
        if (signal.aborted) {
          outcome = 'aborted';
          return;
        }
        lease.produced(writeUnit(index));
      }
      stream.close();
    } catch (error) {
      // A write after the client went away throws (the guide's chat example relies on it).
      outcome = signal.aborted ? 'aborted' : 'failed';
      if (outcome === 'failed') {
        console.error(`load target: a manual stream failed: ${error instanceof Error ? error.message : String(error)}`);
        try {
          const withError = stream as { error?: (reason: unknown) => void };
          if (typeof withError.error === 'function') withError.error(error);
          else stream.close();
        } catch {
          // the stream is already closed; the outcome is counted
        }
      }
    } finally {
      lease.end(outcome);
    }
  })();
}

/** A generator that counts its units and ends the lease from its `finally` (so an abort that calls `return()` is seen). */
async function* counted<T>(
  params: RouteParams,
  signal: AbortSignal,
  lease: StreamLease,
  unit: (index: number) => T,
  bytesOf: (value: T) => number,
): AsyncGenerator<T> {
  let outcome: 'completed' | 'aborted' | 'failed' = 'aborted';
  try {
    for (let index = 1; index <= params.count; index += 1) {
      if (index > 1 && params.interval > 0) await pause(params.interval, signal);
      const value = unit(index);
      lease.produced(bytesOf(value));
      yield value;
    }
    outcome = 'completed';
  } catch (error) {
    outcome = signal.aborted ? 'aborted' : 'failed';
    if (outcome === 'aborted') return;
    throw error;
  } finally {
    lease.end(outcome);
  }
}

const byteLength = (text: string): number => Buffer.byteLength(text);
const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

const HANDLERS: Record<ScenarioName, RouteHandler> = {
  'text-manual': async (ctx, params, lease) => {
    const stream = await ctx.createStream({ contentType: 'text/plain; charset=utf-8' });
    writeInBackground(stream, streamSignal(ctx, stream), lease, params, (index) => {
      const line = textLine(index, params.size);
      stream.write(line);
      return byteLength(line);
    });
    return stream.response;
  },
  'text-generator': async (ctx, params, lease) =>
    ctx.streamResponse(counted(params, ctx.req.signal, lease, (index) => textLine(index, params.size), byteLength), {
      contentType: 'text/plain; charset=utf-8',
    }),
  binary: async (ctx, params, lease) =>
    ctx.streamResponse(counted(params, ctx.req.signal, lease, (index) => binaryBlock(index, params.size), (b) => b.byteLength), {
      contentType: 'application/octet-stream',
    }),
  chunked: async (ctx, params, lease) => {
    // chunkedResponse takes an array (the guide's API): built here, handed over whole.
    const chunks = Array.from({ length: params.count }, (_, index) => payloadRecord(index + 1, params.size));
    for (const chunk of chunks) lease.produced(jsonBytes(chunk));
    try {
      return await ctx.chunkedResponse(chunks, { encoding: params.encoding });
    } finally {
      // The implementation owns the array now; its end is not observable through the guide's API.
      lease.end('completed');
    }
  },
  'chunked-stream': async (ctx, params, lease) => {
    const stream = await ctx.createStream({
      contentType: params.encoding === 'utf-8' ? 'application/x-ndjson' : 'text/plain; charset=utf-8',
    });
    writeInBackground(stream, streamSignal(ctx, stream), lease, params, (index) => {
      const record = payloadRecord(index, params.size);
      stream.writeChunk(record, { encoding: params.encoding });
      return jsonBytes(record);
    });
    return stream.response;
  },
  sse: async (ctx, params, lease) =>
    ctx.sseResponse(counted(params, ctx.req.signal, lease, (index) => payloadRecord(index, params.size), jsonBytes)),
  'sse-ids': async (ctx, params, lease) => {
    const stream = await ctx.createStream({ contentType: 'text/event-stream' });
    writeInBackground(stream, streamSignal(ctx, stream), lease, params, (index) => {
      const record = payloadRecord(index, params.size);
      const options: { id: string; event: string; retry?: number } = { id: String(index), event: SSE_EVENT_TYPE };
      if (index === 1) options.retry = params.retry;
      stream.writeSSE(record, options);
      return jsonBytes(record);
    });
    return stream.response;
  },
  slow: async (ctx, params, lease) =>
    ctx.streamResponse(counted(params, ctx.req.signal, lease, (index) => binaryBlock(index, params.size), (b) => b.byteLength), {
      contentType: 'application/octet-stream',
    }),
};

/** The JSON `GET /` answers: the routes and their parameters. */
export function routeIndex(): { routes: Array<RouteSpec & { scenario: string }>; metrics: string } {
  return {
    routes: Object.entries(ROUTES).map(([scenario, route]) => ({ scenario, ...route })),
    metrics: METRICS_PATH,
  };
}

/** The process's memory and the tracker's counters. */
export function targetMetrics(tracker: StreamTracker, startedAt: number): TargetMetrics {
  const metricsRequests = tracker.countMetricsRequest();
  const { streams, bytesProduced } = tracker.snapshot();
  return {
    pid: process.pid,
    uptimeMs: Math.round(performance.now() - startedAt),
    memory: process.memoryUsage(),
    streams,
    bytesProduced,
    metricsRequests,
  };
}

/**
 * Registers every scenario route, `GET /metrics` and `GET /` on `app`.
 * @param tracker - counts streams and bytes for `/metrics`.
 */
export function mountLoadRoutes(app: App, tracker: StreamTracker): void {
  const startedAt = performance.now();
  for (const [scenario, route] of Object.entries(ROUTES) as Array<[ScenarioName, RouteSpec]>) {
    const handler = HANDLERS[scenario];
    app.get(route.path, async (ctx: Context) => {
      let params: RouteParams;
      try {
        params = parseRouteParams(route, new URL(ctx.req.url).searchParams);
      } catch (error) {
        if (error instanceof LoadParamError) return badRequest(error);
        throw error;
      }
      const lease = tracker.begin();
      try {
        return await handler(ctx, params, lease);
      } catch (error) {
        lease.end('failed');
        throw error;
      }
    });
  }
  app.get(METRICS_PATH, (ctx: Context) => ctx.json(targetMetrics(tracker, startedAt)));
  app.get('/', (ctx: Context) => ctx.json(routeIndex()));
}
