/** Every bench server kind and the function that starts it in this process. */
import type { ServerKind } from '../protocol.ts';
import { startHonoServer } from './hono-server.ts';
import { startRawBatchedServer } from './raw-batched-server.ts';
import { startRawServer } from './raw-server.ts';
import { startReferenceManualServer } from './reference-manual-server.ts';
import { startReferenceServer } from './reference-server.ts';
import type { BenchServer } from './server-stats.ts';

/** How each server kind starts (on an ephemeral port of 127.0.0.1). */
export const SERVER_STARTERS: Record<ServerKind, () => Promise<BenchServer>> = {
  raw: startRawServer,
  'raw-batched': startRawBatchedServer,
  reference: startReferenceServer,
  'reference-manual': startReferenceManualServer,
  hono: startHonoServer,
};
