/**
 * Scenario (d): a slow client on an endless event stream. The client reads
 * `bytesPerSecond` (pausing the socket whenever it is ahead of that pace);
 * after `durationMs` the server's RSS is compared with its RSS before the
 * stream opened (both after full GCs). A server that pulls its generator
 * ahead of the client grows without bound; one that waits stays flat. The
 * server also counts the events it produced: what it made beyond what the
 * client received sits in a queue somewhere.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchClientError, openConnection, request } from '../client/response-meter.ts';
import type { ServerProcess } from '../server-process.ts';

/** What the slow reader saw. */
export interface SlowReaderResult {
  /** RSS growth over the run, in MB (10^6 bytes). */
  rssGrowthMb: number;
  /** Body bytes the client received, per second. */
  readBytesPerSecond: number;
  /** Event bytes produced by the server but not received by the client, in KB (1,024 bytes). */
  producedAheadKb: number;
}

const PACE_TICK_MS = 50;

/** Reads `/endless?size=eventBytes` at `bytesPerSecond` for `durationMs`. */
export async function measureSlowReader(server: ServerProcess, durationMs: number, bytesPerSecond: number, eventBytes: number): Promise<SlowReaderResult> {
  const path = `/endless?size=${eventBytes}`;
  await warmUp(server.port, path);
  const before = await server.memory();
  const producedBefore = (await server.stats()).endlessEventsProduced;
  const socket = await openConnection(server.port);
  try {
    const startedAt = performance.now();
    const allowed = (): number => ((performance.now() - startedAt) / 1000) * bytesPerSecond;
    const meter = request(socket, path, (m) => {
      if (m.bodyBytes >= allowed()) socket.pause();
    });
    const pacer = setInterval(() => {
      if (meter.bodyBytes < allowed()) socket.resume();
    }, PACE_TICK_MS);
    try {
      await Promise.race([sleep(durationMs), meter.done.then(() => Promise.reject(new BenchClientError(`GET ${path} ended: ${meter.failure?.message ?? 'the endless stream ended'}`)))]);
    } finally {
      clearInterval(pacer);
    }
    socket.pause();
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    const after = await server.memory();
    const produced = (await server.stats()).endlessEventsProduced - producedBefore;
    return {
      rssGrowthMb: (after.rss - before.rss) / 1e6,
      readBytesPerSecond: meter.bodyBytes / elapsedSeconds,
      producedAheadKb: (produced * eventBytes - meter.bodyBytes) / 1024,
    };
  } finally {
    socket.destroy();
  }
}

/** One short full-speed read of the route, so first-use costs (JIT, pools) are not counted as growth. */
async function warmUp(port: number, path: string): Promise<void> {
  const socket = await openConnection(port);
  await new Promise<void>((resolve) => {
    const meter = request(socket, path, (m) => {
      if (m.bodyBytes >= 1_000_000) resolve();
    });
    void meter.done.then(() => resolve());
  });
  socket.destroy();
  await sleep(100);
}
