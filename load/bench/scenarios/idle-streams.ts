/**
 * Scenario (c): server memory per idle open SSE stream. A fresh server opens
 * and closes as many streams as it will hold (warm-up: the young generation,
 * pools and JIT have seen that load once), is measured after full GCs, then holds
 * `streams` open streams — each has sent its first event and gone quiet —
 * and is measured again. The difference over `streams` is the cost of one.
 */
import type { Socket } from 'node:net';
import { BenchClientError, openConnections, request, type ResponseMeter } from '../client/response-meter.ts';
import { IDLE_EVENT } from '../protocol.ts';
import type { MemorySample, ServerStats } from '../protocol.ts';

/** What scenario (c) needs of a server: a `ServerProcess`, or a server on another runtime (`runtimes.ts`). */
export interface MeasuredServer {
  readonly kind: string;
  readonly port: number;
  memory(): Promise<MemorySample>;
  stats(): Promise<ServerStats>;
}

/** Memory per idle stream, in KB (1,024 bytes). */
export interface IdleStreamsResult {
  /** Resident set size growth per stream. */
  rssKbPerStream: number;
  /** V8 heap + external (buffers) growth per stream. */
  heapKbPerStream: number;
}

/** Opens `streams` idle event streams on `server` and measures what they cost it. */
export async function measureIdleStreams(server: MeasuredServer, streams: number): Promise<IdleStreamsResult> {
  await closeAll(await openIdleStreams(server.port, streams));
  await waitForOpenStreams(server, 0);
  const before = await server.memory();
  const sockets = await openIdleStreams(server.port, streams);
  try {
    await waitForOpenStreams(server, streams);
    const after = await server.memory();
    return {
      rssKbPerStream: (after.rss - before.rss) / 1024 / streams,
      heapKbPerStream: (after.heapUsed + after.external - (before.heapUsed + before.external)) / 1024 / streams,
    };
  } finally {
    await closeAll(sockets);
  }
}

/** Opens `count` `/idle` streams, 100 at a time, each resolved once its first event arrived. */
async function openIdleStreams(port: number, count: number): Promise<Socket[]> {
  const sockets = await openConnections(port, count);
  const batch = 100;
  for (let i = 0; i < sockets.length; i += batch) {
    await Promise.all(sockets.slice(i, i + batch).map((socket) => firstEvent(socket)));
  }
  return sockets;
}

function firstEvent(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (meter: ResponseMeter): void => {
      if (meter.bodyBytes >= IDLE_EVENT.length) resolve();
    };
    const meter = request(socket, '/idle', settle);
    void meter.done.then(() => reject(new BenchClientError(`GET /idle ended before its first event: ${meter.failure?.message ?? `status ${meter.status}`}`)));
  });
}

async function closeAll(sockets: Socket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.destroyed) resolve();
          else socket.once('close', () => resolve()).destroy();
        }),
    ),
  );
}

/** Polls the server's count of open idle streams (every 20 ms, up to 10 s) until it is `count`. */
async function waitForOpenStreams(server: MeasuredServer, count: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if ((await server.stats()).openStreams === count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { openStreams } = await server.stats();
  throw new BenchClientError(`the ${server.kind} server holds ${openStreams} idle streams, expected ${count}`);
}
