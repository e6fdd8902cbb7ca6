/**
 * Scenarios (a) small SSE events and (b) 200 connections alone, with the API
 * floor, for before/after comparisons while working on the bridge (the full
 * bench takes many minutes; this ~5 s per server and run).
 *
 *   npx tsx load/bench/throughput-only.ts [--runs N] [--servers raw-batched,reference,…] [--no-pin]
 *
 * Prints each run's figures and the medians: small events/s (and ÷ the API
 * floor of the same run), 200-connection events/s and TTFB p99 (÷
 * raw-batched's of the same run when it is in the list). Writes no report.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from './config.ts';
import { parsedOrExitCode, runAsScript, serverKindsOf } from './dev-tool.ts';
import { pinClient } from './pinning.ts';
import { SERVER_KINDS, type ServerKind } from './protocol.ts';
import { measureThroughput } from './run-bench.ts';
import { measureApiFloor } from './scenarios/api-floor.ts';
import { median } from './statistics.ts';

const USAGE = `usage: npx tsx load/bench/throughput-only.ts [options]
  --runs N         alternating runs (default 3)
  --servers LIST   comma-separated, from ${SERVER_KINDS.join(', ')} (default raw-batched,reference,reference-manual)
  --no-pin         do not pin servers and client to separate cores`;

interface Row {
  sse: number;
  sseToFloor: number;
  concurrent: number;
  ttfbP99: number;
  concurrentToBatched: number;
  ttfbP99ToBatched: number;
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
          servers: { type: 'string', default: 'raw-batched,reference,reference-manual' },
          'no-pin': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }).values,
    USAGE,
  );
  if (typeof values === 'number') return values;
  const runs = Number(values.runs);
  const { kinds, problem } = serverKindsOf(values.servers);
  if (!Number.isSafeInteger(runs) || runs < 1 || problem !== undefined) {
    process.stderr.write(`--runs must be a positive integer; --servers from ${SERVER_KINDS.join(', ')}\n\n${USAGE}\n`);
    return 2;
  }
  const pinning = pinClient(!values['no-pin']);
  process.stderr.write(`throughput-only: ${pinning.note}\n`);
  const rows = new Map<ServerKind, Row[]>();
  for (let run = 0; run < runs; run++) {
    const floor = await measureApiFloor(DEFAULT_CONFIG.sse.events, DEFAULT_CONFIG.sse.eventBytes, pinning.serverCores);
    const measured = new Map<ServerKind, Awaited<ReturnType<typeof measureThroughput>>>();
    for (const kind of kinds) measured.set(kind, await measureThroughput(kind, DEFAULT_CONFIG, pinning.serverCores));
    const batched = measured.get('raw-batched');
    process.stdout.write(`run ${run + 1}: API floor ${Math.round(floor).toLocaleString('en-US')} events/s\n`);
    for (const [kind, t] of measured) {
      const row: Row = {
        sse: t.sseEventsPerSecond,
        sseToFloor: t.sseEventsPerSecond / floor,
        concurrent: t.concurrentEventsPerSecond,
        ttfbP99: t.concurrentTtfbP99Ms,
        concurrentToBatched: batched === undefined ? Number.NaN : t.concurrentEventsPerSecond / batched.concurrentEventsPerSecond,
        ttfbP99ToBatched: batched === undefined ? Number.NaN : t.concurrentTtfbP99Ms / batched.concurrentTtfbP99Ms,
      };
      rows.set(kind, [...(rows.get(kind) ?? []), row]);
      process.stdout.write(`  ${kind}: ${describe(row)}\n`);
    }
  }
  for (const [kind, list] of rows) {
    const m = (pick: (row: Row) => number): number => median(list.map(pick));
    process.stdout.write(
      `median ${kind}: ${describe({ sse: m((r) => r.sse), sseToFloor: m((r) => r.sseToFloor), concurrent: m((r) => r.concurrent), ttfbP99: m((r) => r.ttfbP99), concurrentToBatched: m((r) => r.concurrentToBatched), ttfbP99ToBatched: m((r) => r.ttfbP99ToBatched) })} (${runs} run(s))\n`,
    );
  }
  return 0;
}

function describe(row: Row): string {
  const count = (n: number): string => Math.round(n).toLocaleString('en-US');
  return `small ${count(row.sse)} events/s (${row.sseToFloor.toFixed(2)}× floor); 200 conns ${count(row.concurrent)} events/s (${row.concurrentToBatched.toFixed(2)}× batched), TTFB p99 ${row.ttfbP99.toFixed(0)} ms (${row.ttfbP99ToBatched.toFixed(2)}× batched)`;
}

runAsScript(import.meta.url, 'throughput-only', main);
