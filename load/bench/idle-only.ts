/**
 * Scenario (c) alone: memory per idle open SSE stream, for quick before/after
 * comparisons while working on what a stream retains (the full bench takes
 * ~5 min; this takes ~5 s per server and run).
 *
 *   npx tsx load/bench/idle-only.ts [--runs N] [--servers raw,reference,…] [--streams N] [--no-pin]
 *
 * Prints each run's RSS and heap + external per stream, their medians, and
 * the V8 heap spaces that grew (RSS follows the young generation's size).
 * Writes no report. With `BENCH_HEAP_SNAPSHOT_DIR=/some/dir` in the
 * environment, each server child writes a heap snapshot at each memory
 * sample (before and after opening the streams), to diff object counts.
 * With `IDLE_ONLY_SPACES=1`, it prints each server's young generation
 * (`new_space`) size and RSS before and after: RSS follows that size.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from './config.ts';
import { parsedOrExitCode, runAsScript, serverKindsOf } from './dev-tool.ts';
import { pinClient } from './pinning.ts';
import { SERVER_KINDS, type MemorySample, type ServerKind } from './protocol.ts';
import { measureIdleStreams } from './scenarios/idle-streams.ts';
import { ServerProcess } from './server-process.ts';
import { median } from './statistics.ts';

const USAGE = `usage: npx tsx load/bench/idle-only.ts [options]
  --runs N         alternating runs (default 3)
  --servers LIST   comma-separated, from ${SERVER_KINDS.join(', ')} (default raw,reference)
  --streams N      idle streams held open (default ${DEFAULT_CONFIG.idle.streams})
  --no-pin         do not pin servers and client to separate cores`;

/** One server's figures in one run. */
interface IdleRun {
  rssKbPerStream: number;
  heapKbPerStream: number;
  /** Growth per stream of each V8 heap space that grew, KB. */
  spaceKbPerStream: Record<string, number>;
}

async function measureOnce(kind: ServerKind, streams: number, cores: string | undefined): Promise<IdleRun> {
  const server = await ServerProcess.start(kind, cores);
  const samples: MemorySample[] = [];
  const sample = server.memory.bind(server);
  // The scenario takes two samples (before, after); keep them to show the heap spaces too.
  server.memory = async () => {
    const memory = await sample();
    samples.push(memory);
    return memory;
  };
  try {
    const result = await measureIdleStreams(server, streams);
    const [before, after] = samples as [MemorySample, MemorySample];
    const spaceKbPerStream: Record<string, number> = {};
    for (const [space, size] of Object.entries(after.heapSpaces)) {
      const growth = (size - (before.heapSpaces[space] ?? 0)) / 1024 / streams;
      if (growth !== 0) spaceKbPerStream[space] = growth;
    }
    if (process.env['IDLE_ONLY_SPACES'] !== undefined) {
      process.stderr.write(`${kind} new_space before ${before.heapSpaces['new_space']} after ${after.heapSpaces['new_space']}; rss before ${before.rss} after ${after.rss}\n`);
    }
    return { ...result, spaceKbPerStream };
  } finally {
    await server.stop();
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
          runs: { type: 'string', default: '3' },
          servers: { type: 'string', default: 'raw,reference' },
          streams: { type: 'string', default: String(DEFAULT_CONFIG.idle.streams) },
          'no-pin': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }).values,
    USAGE,
  );
  if (typeof values === 'number') return values;
  const runs = Number(values.runs);
  const streams = Number(values.streams);
  const { kinds, problem } = serverKindsOf(values.servers);
  if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(streams) || streams < 1 || problem !== undefined) {
    process.stderr.write(`--runs and --streams must be positive integers; --servers from ${SERVER_KINDS.join(', ')}\n\n${USAGE}\n`);
    return 2;
  }
  const pinning = pinClient(!values['no-pin']);
  process.stderr.write(`idle-only: ${pinning.note}\n`);
  const results = new Map<string, IdleRun[]>();
  for (let run = 0; run < runs; run++) {
    for (const kind of kinds) {
      const result = await measureOnce(kind, streams, pinning.serverCores);
      results.set(kind, [...(results.get(kind) ?? []), result]);
      const spaces = Object.entries(result.spaceKbPerStream).map(([space, kb]) => `${space} ${kb.toFixed(2)}`).join(', ');
      process.stdout.write(`run ${run + 1} ${kind}: RSS ${result.rssKbPerStream.toFixed(1)} KB, heap+external ${result.heapKbPerStream.toFixed(2)} KB per stream (heap spaces: ${spaces})\n`);
    }
  }
  for (const [kind, list] of results) {
    const rss = median(list.map((r) => r.rssKbPerStream));
    const heap = median(list.map((r) => r.heapKbPerStream));
    process.stdout.write(`median ${kind}: RSS ${rss.toFixed(1)} KB, heap+external ${heap.toFixed(2)} KB per idle stream (${streams} open, ${runs} run(s))\n`);
  }
  return 0;
}

runAsScript(import.meta.url, 'idle-only', main);
