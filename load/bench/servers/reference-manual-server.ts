/**
 * The reference's manual API, as the guide writes it plus back-pressure:
 * `ctx.createStream()`, then `await stream.ready` and `stream.writeSSE()` /
 * `stream.write()` per event, `stream.close()`; served by the reference's
 * bridge.
 */
import { createApp, serve, type ManualStream } from '../../../reference/index.ts';
import { IDLE_EVENT_DATA, routeParams, sseEventData } from '../protocol.ts';
import { reportUnexpected } from './reference-server.ts';
import { createServerStats, type BenchServer } from './server-stats.ts';

/** Starts the manual-stream reference server on an ephemeral port of 127.0.0.1. */
export async function startReferenceManualServer(): Promise<BenchServer> {
  const stats = createServerStats();
  const app = createApp({ onError: reportUnexpected });
  app.get('/sse', async (ctx) => {
    const { n, size } = routeParams(ctx.query);
    const data = sseEventData(size);
    const stream = await ctx.createStream({ contentType: 'text/event-stream' });
    void writeEach(stream, n, () => stream.writeSSE(data));
    return stream.response;
  });
  app.get('/bytes', async (ctx) => {
    const { n, size } = routeParams(ctx.query);
    const chunk = new Uint8Array(size).fill(0x78);
    const stream = await ctx.createStream({ contentType: 'application/octet-stream' });
    void writeEach(stream, n, () => stream.write(chunk));
    return stream.response;
  });
  app.get('/idle', async (ctx) => {
    const stream = await ctx.createStream({ contentType: 'text/event-stream' });
    stats.openStreams += 1;
    void stream.closed.then(() => (stats.openStreams -= 1));
    stream.writeSSE(IDLE_EVENT_DATA);
    return stream.response;
  });
  app.get('/endless', async (ctx) => {
    const { size } = routeParams(ctx.query);
    const data = sseEventData(size);
    const stream = await ctx.createStream({ contentType: 'text/event-stream' });
    void writeEach(stream, Number.POSITIVE_INFINITY, () => {
      stats.endlessEventsProduced += 1;
      stream.writeSSE(data);
    });
    return stream.response;
  });
  const running = await serve(app, { port: 0, hostname: '127.0.0.1' });
  return { port: running.port, stats, close: () => running.close() };
}

/** Writes `count` times, awaiting capacity before each write; stops when the client went away. */
async function writeEach(stream: ManualStream, count: number, write: () => void): Promise<void> {
  for (let i = 0; i < count; i++) {
    await stream.ready;
    if (stream.state !== 'open') return;
    write();
  }
  stream.close();
}
