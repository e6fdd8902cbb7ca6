/**
 * What one idle SSE request allocates and keeps, in one process with no
 * scavenge in between: the figure behind the young generation's growth in
 * scenario (c) (see README, "Why (c) is not met").
 *
 *   node --expose-gc --min-semi-space-size=256 --max-semi-space-size=256 \
 *     --import tsx load/bench/allocation-only.ts [--servers raw,reference] [--requests 800]
 *
 * For each server kind: starts it in this process, opens and closes 200 idle
 * streams (warm-up), then opens `--requests` more over raw sockets and reads
 * the V8 heap before and after (allocated, nothing collected: the young
 * generation is bigger than all of it) and after two full GCs (kept). The
 * client's own sockets are counted too, the same for every server: compare
 * servers, not absolute figures. With `--profile FILE` it writes a sampling
 * heap profile (collected objects included) of the measured requests, for
 * DevTools or any `.heapprofile` reader.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parsedOrExitCode, runAsScript, serverKindsOf } from './dev-tool.ts';
import { IDLE_EVENT, SERVER_KINDS, type ServerKind } from './protocol.ts';
import { SERVER_STARTERS } from './servers/starters.ts';


const USAGE = `usage: node --expose-gc --min-semi-space-size=256 --max-semi-space-size=256 --import tsx load/bench/allocation-only.ts [options]
  --servers LIST   comma-separated, from ${SERVER_KINDS.join(', ')} (default raw,reference)
  --requests N     idle requests measured per server (default 800)
  --profile FILE   write a sampling heap profile of the measured requests (one server only)`;

/** Bytes per request, allocated (no GC in between) and kept (after full GCs). */
interface AllocationFigures {
  allocatedKb: number;
  keptKb: number;
}

async function openIdleStreams(port: number, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((done, fail) => socket.once('connect', done).once('error', fail));
    sockets.push(socket);
  }
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((done) => {
          let received = '';
          socket.on('data', (data: Buffer) => {
            received += data.toString('latin1');
            if (received.includes(IDLE_EVENT)) done();
          });
          socket.write('GET /idle HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        }),
    ),
  );
  return sockets;
}

async function measure(kind: ServerKind, requests: number, gc: () => void, profileFile: string | undefined): Promise<AllocationFigures> {
  const server = await SERVER_STARTERS[kind]();
  try {
    for (const socket of await openIdleStreams(server.port, 200)) socket.destroy();
    await new Promise((done) => setTimeout(done, 200));
    gc();
    gc();
    const session = new Session();
    session.connect();
    if (profileFile !== undefined) {
      await session.post('HeapProfiler.startSampling', { samplingInterval: 64, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    const before = getHeapStatistics().used_heap_size;
    const sockets = await openIdleStreams(server.port, requests);
    const allocated = getHeapStatistics().used_heap_size - before;
    if (profileFile !== undefined) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    session.disconnect();
    gc();
    gc();
    const kept = getHeapStatistics().used_heap_size - before;
    for (const socket of sockets) socket.destroy();
    return { allocatedKb: allocated / 1024 / requests, keptKb: kept / 1024 / requests };
  } finally {
    await server.close();
  }
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const values = parsedOrExitCode(
    () =>
      parseArgs({
        args: argv,
        strict: true,
        options: {
          servers: { type: 'string', default: 'raw,reference' },
          requests: { type: 'string', default: '800' },
          profile: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }).values,
    USAGE,
  );
  if (typeof values === 'number') return values;
  const gc = (globalThis as { gc?: () => void }).gc;
  const { kinds, problem } = serverKindsOf(values.servers);
  const requests = Number(values.requests);
  const problems: string[] = [];
  if (gc === undefined) problems.push('run with --expose-gc');
  if (process.execArgv.every((flag) => !flag.startsWith('--min-semi-space-size'))) {
    problems.push('run with --min-semi-space-size=256 --max-semi-space-size=256 (no scavenge may run while measuring)');
  }
  if (!Number.isSafeInteger(requests) || requests < 1) problems.push('--requests must be a positive integer');
  if (problem !== undefined) problems.push(problem);
  if (values.profile !== undefined && kinds.length !== 1) problems.push('--profile takes one server kind');
  if (problems.length > 0 || gc === undefined) {
    process.stderr.write(`${problems.join('\n')}\n\n${USAGE}\n`);
    return 2;
  }
  for (const kind of kinds) {
    const figures = await measure(kind, requests, gc, values.profile);
    process.stdout.write(`${kind}: ${figures.allocatedKb.toFixed(2)} KB allocated, ${figures.keptKb.toFixed(2)} KB kept per idle request (${requests} requests, client included)\n`);
  }
  return 0;
}

runAsScript(import.meta.url, 'allocation-only', main);
