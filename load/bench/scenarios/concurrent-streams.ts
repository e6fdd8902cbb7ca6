/**
 * Scenario (b): many connections at once, each one SSE response — total
 * events/s, and time to first byte (request written → first body byte) at
 * p50 and p99. All connections are open before the first request, so
 * connecting is not counted; all requests are written in one turn.
 */
import { openConnections, request, requireCompleteBody } from '../client/response-meter.ts';
import { percentile } from '../statistics.ts';

/** What the concurrent scenario measured. */
export interface ConcurrentResult {
  eventsPerSecond: number;
  ttfbP50Ms: number;
  ttfbP99Ms: number;
}

/** `connections` connections each request `events` SSE events of `eventBytes` bytes. */
export async function measureConcurrentStreams(port: number, connections: number, events: number, eventBytes: number): Promise<ConcurrentResult> {
  const sockets = await openConnections(port, connections);
  const path = `/sse?n=${events}&size=${eventBytes}`;
  try {
    const meters = sockets.map((socket) => request(socket, path));
    const finished = await Promise.all(meters.map((meter) => meter.done));
    for (const meter of finished) requireCompleteBody(meter, path, events * eventBytes);
    const start = Math.min(...finished.map((meter) => meter.requestWrittenAt));
    const end = Math.max(...finished.map((meter) => meter.endedAt));
    const ttfb = finished.map((meter) => meter.firstBodyByteAt - meter.requestWrittenAt);
    return {
      eventsPerSecond: (connections * events) / ((end - start) / 1000),
      ttfbP50Ms: percentile(ttfb, 50),
      ttfbP99Ms: percentile(ttfb, 99),
    };
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}
