/** A running bench server, and the counters it keeps for the control channel (see `protocol.ts`). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerStats } from '../protocol.ts';

/** A running bench server: its port, its counters, and how to stop it. */
export interface BenchServer {
  port: number;
  stats: ServerStats;
  close(): Promise<void>;
}

/** Fresh zeroed counters. */
export function createServerStats(): ServerStats {
  return { endlessEventsProduced: 0, openStreams: 0 };
}

/** The {@link BenchServer} of a listening `node:http` server. */
export function nodeBenchServer(server: Server, stats: ServerStats): BenchServer {
  return { port: (server.address() as AddressInfo).port, stats, close: () => closeServer(server) };
}

/** Closes `server` and every connection it holds; resolves once it closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
