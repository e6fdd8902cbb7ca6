/**
 * A bench server on Bun or Deno (issue 14, item 4), started by
 * `load/bench/runtimes.ts`: `bun load/bench/runtimes/runtime-server.ts <kind>`
 * or `deno run -A --v8-flags=--expose-gc load/bench/runtimes/runtime-server.ts <kind>`.
 *
 * - `raw`: the runtime's own server (`Bun.serve` / `Deno.serve`) with a
 *   `ReadableStream` of pre-framed events joined into ~64 KiB chunks (the
 *   batched limit of that runtime);
 * - `reference`: the reference's `app.handler` on the same server, its
 *   routes as in `servers/reference-server.ts` (the same generators).
 *
 * Prints `PORT <n>` on stdout once listening. Control routes (never the
 * measured ones): `/__memory` (after full GCs: RSS, heap used, external, as
 * JSON) and `/__stats` (open idle streams).
 */
import { createApp } from '../../../reference/index.ts';
import { IDLE_EVENT, IDLE_EVENT_DATA, routeParams, sseEventData, sseEventText, type ServerStats } from '../protocol.ts';
import { itemsPerBatch } from '../servers/raw-batched-server.ts';
import { repeat } from '../servers/reference-server.ts';

type Handler = (request: Request) => Response | Promise<Response>;

interface RuntimeGlobals {
  Bun?: { serve(options: { port: number; hostname: string; fetch: Handler; idleTimeout?: number }): { port: number }; gc(force: boolean): void };
  Deno?: { serve(options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void }, handler: Handler): unknown };
  gc?: () => void;
}

const runtime = globalThis as unknown as RuntimeGlobals;
const stats: ServerStats = { endlessEventsProduced: 0, openStreams: 0 };
const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };
const encoder = new TextEncoder();

function rawHandler(request: Request): Response {
  const url = new URL(request.url);
  const { n, size } = routeParams(url.searchParams);
  if (url.pathname === '/sse') {
    const perBatch = itemsPerBatch(size);
    const batch = encoder.encode(sseEventText(size).repeat(perBatch));
    let left = n;
    return new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (left >= perBatch) {
            left -= perBatch;
            controller.enqueue(batch);
            return;
          }
          if (left > 0) controller.enqueue(batch.subarray(0, left * size));
          controller.close();
        },
      }),
      { headers: SSE_HEADERS },
    );
  }
  if (url.pathname === '/idle') {
    stats.openStreams += 1;
    let counted = true;
    const stop = (): void => {
      if (counted) stats.openStreams -= 1;
      counted = false;
    };
    request.signal.addEventListener('abort', stop, { once: true });
    return new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(IDLE_EVENT));
        },
        cancel: stop,
      }),
      { headers: SSE_HEADERS },
    );
  }
  return new Response('not found', { status: 404 });
}

function referenceHandler(): Handler {
  const app = createApp({ onError: () => {} });
  app.get('/sse', (ctx) => {
    const { n, size } = routeParams(ctx.query);
    return ctx.sseResponse(repeat(sseEventData(size), n));
  });
  app.get('/idle', (ctx) => ctx.sseResponse(idle(ctx.req.signal)));
  return (request) => app.handler(request);
}

async function* idle(signal: AbortSignal): AsyncGenerator<string> {
  stats.openStreams += 1;
  try {
    yield IDLE_EVENT_DATA;
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  } finally {
    stats.openStreams -= 1;
  }
}

async function memory(): Promise<Response> {
  for (let i = 0; i < 2; i++) {
    if (runtime.Bun !== undefined) runtime.Bun.gc(true);
    else runtime.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return Response.json({ rss, heapUsed, heapTotal, external, arrayBuffers, heapSpaces: {} });
}

const kind = process.argv[2];
if (kind !== 'raw' && kind !== 'reference') throw new Error(`kind must be raw or reference, got ${JSON.stringify(kind)}`);
const measured = kind === 'raw' ? rawHandler : referenceHandler();
const handler: Handler = (request) => {
  const path = new URL(request.url).pathname;
  if (path === '/__memory') return memory();
  if (path === '/__stats') return Response.json(stats);
  return measured(request);
};

if (runtime.Bun !== undefined) {
  const server = runtime.Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: handler, idleTimeout: 0 });
  console.log(`PORT ${server.port}`);
} else if (runtime.Deno !== undefined) {
  runtime.Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => console.log(`PORT ${port}`) }, handler);
} else {
  throw new Error('run this file with Bun or Deno');
}
