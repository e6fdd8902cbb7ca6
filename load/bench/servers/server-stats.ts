/** Counters a bench server keeps for the control channel (see `protocol.ts`). */
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
