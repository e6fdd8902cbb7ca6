/**
 * The entry of a bench server child process: `node --expose-gc --import tsx
 * load/bench/server-child.ts <kind>`. It starts one server kind on an
 * ephemeral port of 127.0.0.1 and answers the control channel (IPC, see
 * `protocol.ts`): `memory` (after two full GCs), `stats`, `stop`.
 */
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { isServerKind, SERVER_KINDS, type ControlReply, type ControlRequest, type MemorySample, type ServerKind } from './protocol.ts';
import { SERVER_STARTERS } from './servers/starters.ts';


function send(reply: ControlReply): void {
  process.send?.(reply);
}

async function measureMemory(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the server with --expose-gc');
  // Two collections with a turn in between, so finalizers and weak callbacks run.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const heapSpaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
  // For finding what a stream retains: BENCH_HEAP_SNAPSHOT_DIR=/tmp/x writes a snapshot after each sample.
  const snapshotDir = process.env['BENCH_HEAP_SNAPSHOT_DIR'];
  if (snapshotDir !== undefined) writeHeapSnapshot(`${snapshotDir}/${process.argv[2]}-${process.pid}-${Date.now()}.heapsnapshot`);
  return { rss, heapTotal, heapUsed, external, arrayBuffers, heapSpaces };
}

async function main(): Promise<void> {
  const kind = process.argv[2] ?? '';
  if (process.send === undefined) throw new Error('start this file with an IPC channel (child_process.fork or stdio "ipc")');
  if (!isServerKind(kind)) throw new Error(`unknown server kind ${JSON.stringify(kind)}; expected one of ${SERVER_KINDS.join(', ')}`);
  const server = await SERVER_STARTERS[kind]();
  process.on('message', (message: ControlRequest) => {
    void (async () => {
      switch (message.type) {
        case 'memory':
          send({ type: 'memory', memory: await measureMemory() });
          return;
        case 'stats':
          send({ type: 'stats', stats: { ...server.stats } });
          return;
        case 'stop':
          await server.close();
          process.disconnect();
          process.exit(0);
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'listening', port: server.port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  console.error(error);
  process.exit(1);
});
