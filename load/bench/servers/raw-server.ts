/**
 * The limit: raw `node:http`, pre-built payloads, `res.write` honouring
 * `drain`. Nothing between the loop and the socket.
 */
import { createServer, type ServerResponse } from 'node:http';
import { IDLE_EVENT, routeParams, sseEventText } from '../protocol.ts';
import { drained } from '../../../reference/node/batching-writer.ts';
import { createServerStats, nodeBenchServer, type BenchServer } from './server-stats.ts';

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };
const BYTES_HEADERS = { 'Content-Type': 'application/octet-stream' };

/** Starts the raw server on an ephemeral port of 127.0.0.1. */
export async function startRawServer(): Promise<BenchServer> {
  const stats = createServerStats();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { n, size } = routeParams(url.searchParams);
    switch (url.pathname) {
      case '/sse':
        res.writeHead(200, SSE_HEADERS);
        void writeRepeated(res, sseEventText(size), n);
        return;
      case '/bytes':
        res.writeHead(200, BYTES_HEADERS);
        void writeRepeated(res, Buffer.alloc(size, 'x'), n);
        return;
      case '/idle':
        stats.openStreams += 1;
        res.once('close', () => (stats.openStreams -= 1));
        res.writeHead(200, SSE_HEADERS);
        res.write(IDLE_EVENT);
        return;
      case '/endless': {
        res.writeHead(200, SSE_HEADERS);
        const event = sseEventText(size);
        void (async () => {
          while (!res.destroyed) {
            stats.endlessEventsProduced += 1;
            if (!res.write(event)) await drained(res);
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

async function writeRepeated(res: ServerResponse, chunk: string | Buffer, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (!res.write(chunk)) await drained(res);
    if (res.destroyed) return;
  }
  res.end();
}
