/**
 * The batched limit: raw `node:http` with events pre-framed and joined into
 * ~64 KiB writes (`res.write` honouring `drain`). What any server that
 * coalesces could reach; `raw` writes one event per `res.write`.
 */
import { createServer, type ServerResponse } from 'node:http';
import { IDLE_EVENT, routeParams, sseEventText } from '../protocol.ts';
import { drained } from '../../../reference/node/batching-writer.ts';
import { createServerStats, nodeBenchServer, type BenchServer } from './server-stats.ts';

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };
const BYTES_HEADERS = { 'Content-Type': 'application/octet-stream' };

/** The size of one joined write: as many whole items as fit (at least one). */
export const BATCH_BYTES = 64 * 1024;

/** How many `itemBytes` items one write carries. */
export function itemsPerBatch(itemBytes: number): number {
  return Math.max(1, Math.floor(BATCH_BYTES / itemBytes));
}

/** Starts the batched raw server on an ephemeral port of 127.0.0.1. */
export async function startRawBatchedServer(): Promise<BenchServer> {
  const stats = createServerStats();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { n, size } = routeParams(url.searchParams);
    switch (url.pathname) {
      case '/sse':
        res.writeHead(200, SSE_HEADERS);
        void writeBatched(res, Buffer.from(sseEventText(size)), n);
        return;
      case '/bytes':
        res.writeHead(200, BYTES_HEADERS);
        void writeBatched(res, Buffer.alloc(size, 'x'), n);
        return;
      case '/idle':
        stats.openStreams += 1;
        res.once('close', () => (stats.openStreams -= 1));
        res.writeHead(200, SSE_HEADERS);
        res.write(IDLE_EVENT);
        return;
      case '/endless': {
        res.writeHead(200, SSE_HEADERS);
        const event = Buffer.from(sseEventText(size));
        const perBatch = itemsPerBatch(event.byteLength);
        const batch = Buffer.concat(Array.from({ length: perBatch }, () => event));
        void (async () => {
          while (!res.destroyed) {
            stats.endlessEventsProduced += perBatch;
            if (!res.write(batch)) await drained(res);
          }
        })();
        return;
      }
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return nodeBenchServer(server, stats);
}

/** Writes `count` copies of `item`, joined into writes of {@link itemsPerBatch} items, then ends. */
async function writeBatched(res: ServerResponse, item: Buffer, count: number): Promise<void> {
  const perBatch = itemsPerBatch(item.byteLength);
  const batch = perBatch === 1 ? item : Buffer.concat(Array.from({ length: perBatch }, () => item));
  let left = count;
  while (left >= perBatch) {
    left -= perBatch;
    if (!res.write(batch)) await drained(res);
    if (res.destroyed) return;
  }
  if (left > 0) res.write(batch.subarray(0, left * item.byteLength));
  res.end();
}
