/**
 * From measured runs to the report's figures: per-run ratios to raw, medians
 * over runs, and the verdict on each target of issue 14. Pure functions.
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
  type ApiFloorSummary,
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

/** `values[kind][m] ÷ values[baseline][m]` for every server and metric of a run (empty without the baseline). */
export function ratiosTo(values: Partial<Record<ServerKind, MetricValues>>, baseline: ServerKind): Partial<Record<ServerKind, MetricValues>> {
  const base = values[baseline];
  const ratios: Partial<Record<ServerKind, MetricValues>> = {};
  if (base === undefined) return ratios;
  for (const [kind, metrics] of Object.entries(values) as [ServerKind, MetricValues][]) {
    ratios[kind] = Object.fromEntries(METRIC_IDS.map((id) => [id, ratio(metrics[id], base[id])])) as MetricValues;
  }
  return ratios;
}

/** `values[kind][m] ÷ values.raw[m]` for every server and metric of a run. */
export function ratiosToRaw(values: Partial<Record<ServerKind, MetricValues>>): Partial<Record<ServerKind, MetricValues>> {
  return ratiosTo(values, 'raw');
}

/** Each server's small SSE events/s ÷ the API floor's events/s. */
export function ratiosToApiFloor(values: Partial<Record<ServerKind, MetricValues>>, floorEventsPerSecond: number): Partial<Record<ServerKind, number>> {
  return Object.fromEntries((Object.entries(values) as [ServerKind, MetricValues][]).map(([kind, metrics]) => [kind, ratio(metrics.sseEventsPerSecond, floorEventsPerSecond)]));
}

/** A run's figures with all its ratios. */
export function benchRun(index: number, order: ServerKind[], values: Partial<Record<ServerKind, MetricValues>>, floorEventsPerSecond: number): BenchRun {
  return {
    index,
    order,
    values,
    ratiosToRaw: ratiosToRaw(values),
    ratiosToRawBatched: ratiosTo(values, 'raw-batched'),
    apiFloor: { sseEventsPerSecond: floorEventsPerSecond },
    ratiosToApiFloor: ratiosToApiFloor(values, floorEventsPerSecond),
  };
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
        const batched = runs.map((run) => run.ratiosToRawBatched[server]?.[id] ?? Number.NaN);
        return [id, { median: median(values), medianRatioToRaw: median(ratios), medianRatioToRawBatched: median(batched), values }];
      }),
    ) as Record<MetricId, MetricSummary>;
    return { server, label: SERVER_LABELS[server], metrics };
  });
}

/** The API floor's median over runs, and its ratio to raw within each run. */
export function summarizeApiFloor(runs: readonly BenchRun[]): ApiFloorSummary {
  const values = runs.map((run) => run.apiFloor.sseEventsPerSecond);
  const toRaw = runs.map((run) => ratio(run.apiFloor.sseEventsPerSecond, run.values.raw?.sseEventsPerSecond ?? Number.NaN));
  return { sseEventsPerSecond: { median: median(values), medianRatioToRaw: median(toRaw), values } };
}

/** The suite's own time (issue 14): median over the `--level should` runs, and the slowest run (seconds). */
export const SUITE_MEDIAN_TARGET_S = 8;
export const SUITE_SLOWEST_TARGET_S = 20;

/** The paths of the reference the targets judge. */
export const TARGET_SUBJECTS = ['reference', 'reference-manual'] as const;

type TargetDraft = Omit<TargetResult, 'met'>;

/** One ratio target of `subject`: the median per-run ratio against `threshold`, and the figures behind it. */
function ratioTarget(
  id: string,
  subject: (typeof TARGET_SUBJECTS)[number],
  description: string,
  perRun: readonly number[],
  subjectValues: readonly number[],
  anchorValues: readonly number[],
  comparison: TargetResult['comparison'],
  threshold: number,
  anchor: string,
  figureUnit: string,
): TargetDraft {
  return {
    id: `${id}:${subject}`,
    subject,
    description,
    actual: median(perRun),
    comparison,
    threshold,
    unit: `× ${anchor}`,
    figure: median(subjectValues),
    bound: threshold * median(anchorValues),
    figureUnit,
  };
}

/**
 * Evaluates the targets of issue 14 for both paths of the reference (the
 * generator path `sseResponse` / `streamResponse`, and `createStream` +
 * `await ready`), and the suite's own time.
 */
export function evaluateTargets(runs: readonly BenchRun[], conformance: readonly ConformanceTiming[]): TargetResult[] {
  const values = (kind: ServerKind, id: MetricId): number[] => runs.map((run) => run.values[kind]?.[id] ?? Number.NaN);
  const targets: TargetDraft[] = [];
  for (const subject of TARGET_SUBJECTS) {
    const toRaw = (id: MetricId): number[] => runs.map((run) => run.ratiosToRaw[subject]?.[id] ?? Number.NaN);
    const toBatched = (id: MetricId): number[] => runs.map((run) => run.ratiosToRawBatched[subject]?.[id] ?? Number.NaN);
    const floor = runs.map((run) => run.apiFloor.sseEventsPerSecond);
    targets.push(
      ratioTarget('a-sse', subject, '(a) small SSE events/s ≥ 0.9 × API floor', runs.map((run) => run.ratiosToApiFloor[subject] ?? Number.NaN), values(subject, 'sseEventsPerSecond'), floor, '>=', 0.9, 'API floor', 'events/s'),
      ratioTarget('a-bytes', subject, '(a) 64 KiB chunks MB/s ≥ 0.95 × raw', toRaw('bytesMegabytesPerSecond'), values(subject, 'bytesMegabytesPerSecond'), values('raw', 'bytesMegabytesPerSecond'), '>=', 0.95, 'raw', 'MB/s'),
      ratioTarget('b-events', subject, '(b) 200 conns events/s ≥ 0.6 × raw-batched', toBatched('concurrentEventsPerSecond'), values(subject, 'concurrentEventsPerSecond'), values('raw-batched', 'concurrentEventsPerSecond'), '>=', 0.6, 'raw-batched', 'events/s'),
      ratioTarget('b-ttfb-p99', subject, '(b) 200 conns TTFB p99 ≤ 1.5 × raw-batched', toBatched('concurrentTtfbP99Ms'), values(subject, 'concurrentTtfbP99Ms'), values('raw-batched', 'concurrentTtfbP99Ms'), '<=', 1.5, 'raw-batched', 'ms'),
      ratioTarget('c-rss', subject, '(c) RSS per idle stream ≤ 1.25 × raw', toRaw('idleRssKbPerStream'), values(subject, 'idleRssKbPerStream'), values('raw', 'idleRssKbPerStream'), '<=', 1.25, 'raw', 'KB'),
      ratioTarget('c-heap', subject, '(c) heap + external per idle stream ≤ 1.6 × raw', toRaw('idleHeapKbPerStream'), values(subject, 'idleHeapKbPerStream'), values('raw', 'idleHeapKbPerStream'), '<=', 1.6, 'raw', 'KB'),
    );
    const growth = median(values(subject, 'slowRssGrowthMb'));
    targets.push({ id: `d-growth:${subject}`, subject, description: '(d) RSS growth under a 100 KB/s reader < 8 MB', actual: growth, comparison: '<', threshold: 8, unit: 'MB', figure: growth, bound: 8, figureUnit: 'MB' });
  }
  const should = conformance.filter((run) => !run.command.includes('--browser'));
  if (should.length > 0) {
    const seconds = should.map((run) => run.durationMs / 1000);
    const middle = median(seconds);
    const slowest = Math.max(...seconds);
    const failed = should.filter((run) => run.exitCode !== 0).length;
    targets.push(
      { id: 'suite-median', subject: 'suite', description: `(suite) --level should, median of ${should.length} run(s) ≤ ${SUITE_MEDIAN_TARGET_S} s`, actual: middle, comparison: '<=', threshold: SUITE_MEDIAN_TARGET_S, unit: 's', figure: middle, bound: SUITE_MEDIAN_TARGET_S, figureUnit: 's' },
      { id: 'suite-slowest', subject: 'suite', description: `(suite) --level should, no seed slower than ${SUITE_SLOWEST_TARGET_S} s`, actual: slowest, comparison: '<=', threshold: SUITE_SLOWEST_TARGET_S, unit: 's', figure: slowest, bound: SUITE_SLOWEST_TARGET_S, figureUnit: 's' },
      { id: 'suite-pass', subject: 'suite', description: '(suite) every --level should run passes (exit 0)', actual: failed, comparison: '<=', threshold: 0, unit: 'runs failed', figure: failed, bound: 0, figureUnit: 'runs failed' },
    );
  }
  return targets.map((target) => ({ ...target, met: compare(target.actual, target.comparison, target.threshold) }));
}
function compare(actual: number, comparison: TargetResult['comparison'], threshold: number): boolean {
  if (!Number.isFinite(actual)) return false;
  if (comparison === '>=') return actual >= threshold;
  if (comparison === '<=') return actual <= threshold;
  return actual < threshold;
}
