/**
 * The usual pick: Hono's `streamSSE` (`await stream.writeSSE()` per event)
 * and `stream` (`await stream.write()` per chunk), on `@hono/node-server`
 * with its defaults.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { stream, streamSSE } from 'hono/streaming';
import type { Server } from 'node:http';
import { IDLE_EVENT_DATA, routeParams, sseEventData } from '../protocol.ts';
import { createServerStats, nodeBenchServer, type BenchServer } from './server-stats.ts';

/** Starts the Hono server on an ephemeral port of 127.0.0.1. */
export async function startHonoServer(): Promise<BenchServer> {
  const stats = createServerStats();
  const app = new Hono();
  app.get('/sse', (c) => {
    const { n, size } = routeParams(new URL(c.req.url).searchParams);
    const data = sseEventData(size);
    return streamSSE(c, async (sse) => {
      for (let i = 0; i < n && !sse.aborted; i++) await sse.writeSSE({ data });
    });
  });
  app.get('/bytes', (c) => {
    const { n, size } = routeParams(new URL(c.req.url).searchParams);
    const chunk = new Uint8Array(size).fill(0x78);
    c.header('Content-Type', 'application/octet-stream');
    return stream(c, async (bytes) => {
      for (let i = 0; i < n && !bytes.aborted; i++) await bytes.write(chunk);
    });
  });
  app.get('/idle', (c) =>
    streamSSE(c, async (sse) => {
      stats.openStreams += 1;
      const gone = new Promise<void>((resolve) => sse.onAbort(resolve));
      await sse.writeSSE({ data: IDLE_EVENT_DATA });
      await gone;
      stats.openStreams -= 1;
    }),
  );
  app.get('/endless', (c) => {
    const { size } = routeParams(new URL(c.req.url).searchParams);
    const data = sseEventData(size);
    return streamSSE(c, async (sse) => {
      while (!sse.aborted) {
        stats.endlessEventsProduced += 1;
        await sse.writeSSE({ data });
      }
    });
  });
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started as Server));
  });
  return nodeBenchServer(server, stats);
}
