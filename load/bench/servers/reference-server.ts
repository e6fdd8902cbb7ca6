/**
 * The reference, used the way a user would: `ctx.sseResponse(generator)` for
 * events, `ctx.streamResponse(generator)` for bytes, served by the
 * reference's own bridge `serve(app, { port, hostname })`.
 */
import { createApp, serve } from '../../../reference/index.ts';
import { IDLE_EVENT_DATA, routeParams, sseEventData } from '../protocol.ts';
import { createServerStats, type BenchServer } from './server-stats.ts';
import type { ServerStats } from '../protocol.ts';

/** Starts the reference server on an ephemeral port of 127.0.0.1. */
export async function startReferenceServer(): Promise<BenchServer> {
  const stats = createServerStats();
  const app = createApp({ onError: reportUnexpected });
  app.get('/sse', (ctx) => {
    const { n, size } = routeParams(ctx.query);
    return ctx.sseResponse(repeat(sseEventData(size), n));
  });
  app.get('/bytes', (ctx) => {
    const { n, size } = routeParams(ctx.query);
    return ctx.streamResponse(repeat(new Uint8Array(size).fill(0x78), n), { contentType: 'application/octet-stream' });
  });
  app.get('/idle', (ctx) => ctx.sseResponse(idle(ctx.req.signal, stats)));
  app.get('/endless', (ctx) => {
    const { size } = routeParams(ctx.query);
    return ctx.sseResponse(endless(sseEventData(size), stats));
  });
  const running = await serve(app, { port: 0, hostname: '127.0.0.1' });
  return { port: running.port, stats, close: () => running.close() };
}

/** `value`, `count` times: the generator every bench route of the reference is given (and the API floor drains). */
export async function* repeat<T>(value: T, count: number): AsyncGenerator<T> {
  for (let i = 0; i < count; i++) yield value;
}

async function* idle(signal: AbortSignal, stats: ServerStats): AsyncGenerator<string> {
  stats.openStreams += 1;
  try {
    yield IDLE_EVENT_DATA;
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  } finally {
    stats.openStreams -= 1;
  }
}

async function* endless(data: string, stats: ServerStats): AsyncGenerator<string> {
  for (;;) {
    stats.endlessEventsProduced += 1;
    yield data;
  }
}

/** A client going away is the bench's normal way to end a stream; anything else is worth seeing. */
export function reportUnexpected(error: unknown): void {
  if (error instanceof Error && error.name === 'AbortError') return;
  console.error('bench server:', error);
}
