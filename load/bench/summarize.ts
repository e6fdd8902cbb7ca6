/**
 * From measured runs to the report's figures: per-run ratios to raw, medians
 * over runs, and the verdict on each target of issue 6. Pure functions.
 */
import type { BenchConfig } from './config.ts';
import type { ConformanceTiming } from './conformance-timing.ts';
import { SERVER_LABELS, type ServerKind } from './protocol.ts';
import {
  METRIC_IDS,
  type BenchRun,
  type MetricDefinition,
  type MetricId,
  type MetricSummary,
  type MetricValues,
  type ServerSummary,
  type TargetResult,
} from '../../reports/bench/model.ts';
import { median } from './statistics.ts';

/** The metric definitions, labelled with the sizes of `config`. */
export function metricDefinitions(config: BenchConfig): MetricDefinition[] {
  const { sse, bytes, concurrent, idle, slowReader } = config;
  const kib = (n: number): string => (n % 1024 === 0 ? `${n / 1024} KiB` : `${n} B`);
  const count = (n: number): string => n.toLocaleString('en-US');
  return [
    { id: 'sseEventsPerSecond', scenario: 'a', label: `1 conn, ${count(sse.events)} × ${sse.eventBytes} B SSE events`, unit: 'events/s', better: 'higher' },
    { id: 'bytesMegabytesPerSecond', scenario: 'a', label: `1 conn, ${count(bytes.chunks)} × ${kib(bytes.chunkBytes)} chunks`, unit: 'MB/s', better: 'higher' },
    {
      id: 'concurrentEventsPerSecond',
      scenario: 'b',
      label: `${count(concurrent.connections)} conns × ${count(concurrent.events)} × ${concurrent.eventBytes} B SSE events`,
      unit: 'events/s',
      better: 'higher',
    },
    { id: 'concurrentTtfbP50Ms', scenario: 'b', label: `${count(concurrent.connections)} conns, time to first byte p50`, unit: 'ms', better: 'lower' },
    { id: 'concurrentTtfbP99Ms', scenario: 'b', label: `${count(concurrent.connections)} conns, time to first byte p99`, unit: 'ms', better: 'lower' },
    { id: 'idleRssKbPerStream', scenario: 'c', label: `RSS per idle SSE stream (${count(idle.streams)} open)`, unit: 'KB', better: 'lower' },
    { id: 'idleHeapKbPerStream', scenario: 'c', label: `heap + external per idle SSE stream (${count(idle.streams)} open)`, unit: 'KB', better: 'lower' },
    {
      id: 'slowRssGrowthMb',
      scenario: 'd',
      label: `RSS growth, ${slowReader.durationMs / 1000} s of a ${slowReader.bytesPerSecond / 1000} KB/s reader on an endless stream`,
      unit: 'MB',
      better: 'lower',
    },
    { id: 'slowProducedAheadKb', scenario: 'd', label: 'produced but not yet received by that reader', unit: 'KB', better: 'lower' },
  ];
}

/** `values[kind][m] ÷ values.raw[m]` for every server and metric of a run. */
export function ratiosToRaw(values: Partial<Record<ServerKind, MetricValues>>): Partial<Record<ServerKind, MetricValues>> {
  const raw = values.raw;
  const ratios: Partial<Record<ServerKind, MetricValues>> = {};
  if (raw === undefined) return ratios;
  for (const [kind, metrics] of Object.entries(values) as [ServerKind, MetricValues][]) {
    ratios[kind] = Object.fromEntries(METRIC_IDS.map((id) => [id, ratio(metrics[id], raw[id])])) as MetricValues;
  }
  return ratios;
}

function ratio(value: number, baseline: number): number {
  return baseline === 0 || !Number.isFinite(baseline) || !Number.isFinite(value) ? Number.NaN : value / baseline;
}

/** Medians over runs of every server's metrics and ratios. */
export function summarizeRuns(runs: readonly BenchRun[], servers: readonly ServerKind[]): ServerSummary[] {
  return servers.map((server) => {
    const metrics = Object.fromEntries(
      METRIC_IDS.map((id): [MetricId, MetricSummary] => {
        const values = runs.map((run) => run.values[server]?.[id] ?? Number.NaN);
        const ratios = runs.map((run) => run.ratiosToRaw[server]?.[id] ?? Number.NaN);
        return [id, { median: median(values), medianRatioToRaw: median(ratios), values }];
      }),
    ) as Record<MetricId, MetricSummary>;
    return { server, label: SERVER_LABELS[server], metrics };
  });
}

/** The conformance run must take under this much wall time (issue 6, part 3). */
export const CONFORMANCE_TARGET_MS = 30_000;

/** Evaluates the targets of issue 6 for the reference (`sseResponse` / `streamResponse`). */
export function evaluateTargets(runs: readonly BenchRun[], conformance: readonly ConformanceTiming[]): TargetResult[] {
  const toRaw = (id: MetricId): number => median(runs.map((run) => run.ratiosToRaw.reference?.[id] ?? Number.NaN));
  const value = (id: MetricId): number => median(runs.map((run) => run.values.reference?.[id] ?? Number.NaN));
  const toHono = median(runs.map((run) => ratio(run.values.reference?.sseEventsPerSecond ?? Number.NaN, run.values.hono?.sseEventsPerSecond ?? Number.NaN)));
  const targets: Omit<TargetResult, 'met'>[] = [
    { id: 'a-sse', description: '(a) small SSE events/s ≥ 0.9 × raw', actual: toRaw('sseEventsPerSecond'), comparison: '>=', threshold: 0.9, unit: '× raw' },
    { id: 'a-bytes', description: '(a) 64 KiB chunks MB/s ≥ 0.95 × raw', actual: toRaw('bytesMegabytesPerSecond'), comparison: '>=', threshold: 0.95, unit: '× raw' },
    { id: 'a-hono', description: '(a) small SSE events/s ≥ 4 × Hono streamSSE', actual: toHono, comparison: '>=', threshold: 4, unit: '× Hono' },
    { id: 'b-events', description: '(b) concurrent events/s ≥ 0.9 × raw', actual: toRaw('concurrentEventsPerSecond'), comparison: '>=', threshold: 0.9, unit: '× raw' },
    { id: 'b-ttfb-p99', description: '(b) TTFB p99 no worse than raw', actual: toRaw('concurrentTtfbP99Ms'), comparison: '<=', threshold: 1, unit: '× raw' },
    { id: 'c-idle', description: '(c) RSS per idle stream ≤ 1.1 × raw', actual: toRaw('idleRssKbPerStream'), comparison: '<=', threshold: 1.1, unit: '× raw' },
    { id: 'd-growth', description: '(d) RSS growth under a slow reader < 8 MB', actual: value('slowRssGrowthMb'), comparison: '<', threshold: 8, unit: 'MB' },
  ];
  const should = conformance.find((run) => !run.command.includes('--browser'));
  if (should !== undefined) {
    targets.push({
      id: 'suite-time',
      description: '(3) conformance run at --level should (no browser) < 30 s',
      actual: should.durationMs / 1000,
      comparison: '<',
      threshold: CONFORMANCE_TARGET_MS / 1000,
      unit: 's',
    });
  }
  return targets.map((target) => ({ ...target, met: compare(target.actual, target.comparison, target.threshold) }));
}

function compare(actual: number, comparison: TargetResult['comparison'], threshold: number): boolean {
  if (!Number.isFinite(actual)) return false;
  if (comparison === '>=') return actual >= threshold;
  if (comparison === '<=') return actual <= threshold;
  return actual < threshold;
}
