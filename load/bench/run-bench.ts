/**
 * The bench (issues 6 and 14): raw `node:http` (one write per event, and
 * batched into ~64 KiB writes), the reference through its bridge (generator
 * and manual-stream paths), and Hono `streamSSE` on `@hono/node-server`, side
 * by side, in alternating runs, with the API floor measured in each run.
 *
 * Per run: the API floor (a child pinned where the servers are); for every
 * server in turn: a fresh child for (a) small events and
 * (b) (after a warm-up), a fresh child for (c); then (a) 64 KiB chunks on
 * fresh children of every server at once, one transfer each in turn (a
 * transfer lasts ~0.1 s: taken one server after the other, minutes apart, a
 * busy moment of the shared machine landed on one server only); then (d) on
 * fresh children of every server at once (each is held to a slow reader, so
 * they barely use the core). After the runs: the conformance suite's own time.
 */
import { availableParallelism, cpus, platform } from 'node:os';
import type { BenchConfig } from './config.ts';
import { timeConformanceRun, type ConformanceTiming } from './conformance-timing.ts';
import { pinClient } from './pinning.ts';
import type { ServerKind } from './protocol.ts';
import type { BenchReport, BenchRun, MetricValues } from '../../reports/bench/model.ts';
import { measureApiFloor } from './scenarios/api-floor.ts';
import { measureConcurrentStreams } from './scenarios/concurrent-streams.ts';
import { measureIdleStreams, type IdleStreamsResult } from './scenarios/idle-streams.ts';
import { measureSingleStream } from './scenarios/single-stream.ts';
import { measureSlowReader, type SlowReaderResult } from './scenarios/slow-reader.ts';
import { ServerProcess } from './server-process.ts';
import { median } from './statistics.ts';
import { requireOpenFileLimit } from './file-limit.ts';
import { benchRun, evaluateTargets, metricDefinitions, summarizeApiFloor, summarizeRuns } from './summarize.ts';

/** Where progress lines go. */
export type BenchLog = (line: string) => void;

/** Runs the whole bench and returns the report (nothing is written here). */
export async function runBench(config: BenchConfig, log: BenchLog = () => {}): Promise<BenchReport> {
  if (!config.servers.includes('raw')) throw new RangeError('config.servers must include "raw": it is the baseline of every ratio');
  // (c) holds config.idle.streams sockets in this process and as many in a server child.
  requireOpenFileLimit(config.idle.streams);
  const startedAt = new Date();
  const started = performance.now();
  const machineCores = availableParallelism(); // before pinning: afterwards this process sees one core
  const pinning = pinClient(config.pin);
  log(`bench: ${pinning.note}`);
  const runs: BenchRun[] = [];
  for (let index = 0; index < config.runs; index++) {
    const order = [...config.servers];
    log(`run ${index + 1}/${config.runs}: ${order.join(', ')}`);
    const floor = await measureApiFloor(config.sse.events, config.sse.eventBytes, pinning.serverCores);
    log(`  API floor (generator drained, framed, joined in memory): ${Math.round(floor).toLocaleString('en-US')} events/s`);
    const values: Partial<Record<ServerKind, MetricValues>> = {};
    const throughput = new Map<ServerKind, Awaited<ReturnType<typeof measureThroughput>>>();
    const idle = new Map<ServerKind, IdleStreamsResult>();
    for (const kind of order) {
      throughput.set(kind, await measureThroughput(kind, config, pinning.serverCores));
      idle.set(kind, await withServer(kind, pinning.serverCores, (server) => measureIdleStreams(server, config.idle.streams)));
      log(`  ${kind}: ${describe(throughput.get(kind)!, idle.get(kind)!)}`);
    }
    const byteRates = await measureByteTransfers(order, config, pinning.serverCores);
    log(`  64 KiB chunks, ${config.bytes.rounds} transfers each, in turn: ${order.map((kind) => `${kind} ${byteRates.get(kind)!.toFixed(0)} MB/s`).join(', ')}`);
    const slow = await measureSlowReaders(order, config, pinning.serverCores);
    for (const kind of order) {
      const t = throughput.get(kind)!;
      const i = idle.get(kind)!;
      const s = slow.get(kind)!;
      log(`  ${kind}: slow reader: RSS +${s.rssGrowthMb.toFixed(2)} MB, ${(s.producedAheadKb).toFixed(0)} KB produced ahead, read ${(s.readBytesPerSecond / 1000).toFixed(0)} KB/s`);
      values[kind] = {
        sseEventsPerSecond: t.sseEventsPerSecond,
        bytesMegabytesPerSecond: byteRates.get(kind)!,
        concurrentEventsPerSecond: t.concurrentEventsPerSecond,
        concurrentTtfbP50Ms: t.concurrentTtfbP50Ms,
        concurrentTtfbP99Ms: t.concurrentTtfbP99Ms,
        idleRssKbPerStream: i.rssKbPerStream,
        idleHeapKbPerStream: i.heapKbPerStream,
        slowRssGrowthMb: s.rssGrowthMb,
        slowProducedAheadKb: s.producedAheadKb,
      };
    }
    runs.push(benchRun(index, order, values, floor));
  }

  const conformance: ConformanceTiming[] = [];
  if (config.conformance.should) {
    for (let i = 0; i < config.conformance.shouldRuns; i++) conformance.push(await timeSuite([], log));
  }
  if (config.conformance.browser) conformance.push(await timeSuite(['--browser'], log));

  return {
    tool: 'streamconform-bench',
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    machine: {
      cpus: machineCores,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: platform(),
      pinning: pinning.note,
      pinned: pinning.pinned,
    },
    config,
    metrics: metricDefinitions(config),
    runs,
    summary: summarizeRuns(runs, config.servers),
    apiFloor: summarizeApiFloor(runs),
    targets: evaluateTargets(runs, conformance),
    conformance,
  };
}

async function withServer<T>(kind: ServerKind, cores: string | undefined, use: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await ServerProcess.start(kind, cores);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/** Full-size warm-up transfers of (a) small events, on every server and in the API floor's child. */
export const SSE_WARM_UPS = 4;
/** Full-size warm-up runs of (b) on every server. */
const CONCURRENT_WARM_UPS = 3;

/** (a) small SSE events and (b) on one warmed-up server child (also `throughput-only.ts`). */
export function measureThroughput(kind: ServerKind, config: BenchConfig, cores: string | undefined) {
  const { sse, concurrent } = config;
  const ssePath = (n: number): string => `/sse?n=${n}&size=${sse.eventBytes}`;
  return withServer(kind, cores, async (server) => {
    // Each scenario right after its own warm-up at full size (at a tenth, the reference was still being
    // optimised: its first transfers ran at half the rate of the fifth, its first 200-connection runs at 0.6× the fourth).
    for (let i = 0; i < SSE_WARM_UPS; i++) await measureSingleStream(server.port, ssePath(sse.events), sse.events, sse.eventBytes);
    const a = await measureSingleStream(server.port, ssePath(sse.events), sse.events, sse.eventBytes);
    for (let i = 0; i < CONCURRENT_WARM_UPS; i++) await measureConcurrentStreams(server.port, concurrent.connections, concurrent.events, concurrent.eventBytes);
    const b = await measureConcurrentStreams(server.port, concurrent.connections, concurrent.events, concurrent.eventBytes);
    return {
      sseEventsPerSecond: a.itemsPerSecond,
      concurrentEventsPerSecond: b.eventsPerSecond,
      concurrentTtfbP50Ms: b.ttfbP50Ms,
      concurrentTtfbP99Ms: b.ttfbP99Ms,
    };
  });
}

/**
 * (a) 64 KiB chunks: fresh children of every server at once (idle but for the
 * one being measured), each warmed up, then `config.bytes.rounds` rounds of one
 * transfer per server in turn; MB/s is each server's median.
 */
async function measureByteTransfers(kinds: readonly ServerKind[], config: BenchConfig, cores: string | undefined): Promise<Map<ServerKind, number>> {
  const { chunks, chunkBytes } = config.bytes;
  const path = (n: number): string => `/bytes?n=${n}&size=${chunkBytes}`;
  const servers = await Promise.all(kinds.map((kind) => ServerProcess.start(kind, cores)));
  try {
    const warm = Math.max(1, Math.round(chunks / 10));
    for (const server of servers) await measureSingleStream(server.port, path(warm), warm, chunkBytes);
    const rates = servers.map((): number[] => []);
    for (let round = 0; round < config.bytes.rounds; round++) {
      for (const [i, server] of servers.entries()) {
        rates[i]!.push((await measureSingleStream(server.port, path(chunks), chunks, chunkBytes)).megabytesPerSecond);
      }
    }
    return new Map(kinds.map((kind, i) => [kind, median(rates[i]!)]));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** (d) on a fresh child of every server, all at once. */
async function measureSlowReaders(kinds: readonly ServerKind[], config: BenchConfig, cores: string | undefined): Promise<Map<ServerKind, SlowReaderResult>> {
  const servers = await Promise.all(kinds.map((kind) => ServerProcess.start(kind, cores)));
  try {
    const { durationMs, bytesPerSecond, eventBytes } = config.slowReader;
    const results = await Promise.all(servers.map((server) => measureSlowReader(server, durationMs, bytesPerSecond, eventBytes)));
    return new Map(kinds.map((kind, i) => [kind, results[i]!]));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function timeSuite(extraArgs: string[], log: BenchLog): Promise<ConformanceTiming> {
  log(`conformance: timing --level should ${extraArgs.join(' ')}`.trimEnd());
  const timing = await timeConformanceRun(extraArgs);
  const summary = timing.summary === undefined ? 'no conformance.json' : `${timing.summary.pass} pass, ${timing.summary.fail} fail, ${timing.summary.skip} skip`;
  log(`  ${(timing.durationMs / 1000).toFixed(1)} s, seed ${timing.seed}, exit ${timing.exitCode}, ${summary}`);
  return timing;
}

function describe(t: Awaited<ReturnType<typeof measureThroughput>>, i: IdleStreamsResult): string {
  return [
    `${Math.round(t.sseEventsPerSecond).toLocaleString('en-US')} events/s`,
    `${Math.round(t.concurrentEventsPerSecond).toLocaleString('en-US')} events/s concurrent`,
    `TTFB p50 ${t.concurrentTtfbP50Ms.toFixed(1)} / p99 ${t.concurrentTtfbP99Ms.toFixed(1)} ms`,
    `idle ${i.rssKbPerStream.toFixed(1)} KB RSS / ${i.heapKbPerStream.toFixed(1)} KB heap per stream`,
  ].join(', ');
}
