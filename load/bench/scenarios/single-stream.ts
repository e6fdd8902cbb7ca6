/**
 * Scenario (a): one connection, one long response — SSE events/s for small
 * events, MB/s for large byte chunks.
 */
import { openConnection, request, requireCompleteBody } from '../client/response-meter.ts';

/** What one long response measured. */
export interface SingleStreamResult {
  /** Items (events or chunks) per second, request written → last chunk. */
  itemsPerSecond: number;
  /** Body megabytes (10^6 bytes) per second. */
  megabytesPerSecond: number;
}

/**
 * Requests `path` (a route that answers `count` items of `itemBytes` each)
 * on a fresh connection, checks the whole body arrived, and times it.
 */
export async function measureSingleStream(port: number, path: string, count: number, itemBytes: number): Promise<SingleStreamResult> {
  const socket = await openConnection(port);
  try {
    const meter = await request(socket, path).done;
    requireCompleteBody(meter, path, count * itemBytes);
    const seconds = (meter.endedAt - meter.requestWrittenAt) / 1000;
    return { itemsPerSecond: count / seconds, megabytesPerSecond: (count * itemBytes) / 1e6 / seconds };
  } finally {
    socket.destroy();
  }
}
