/**
 * The shape of `reports/bench/bench.json`: every run's raw figures, the
 * medians and ratios to raw, and each target of issue 6 with its verdict.
 */
import type { BenchConfig } from './config.ts';
import type { ConformanceTiming } from './conformance-timing.ts';
import type { ServerKind } from './protocol.ts';

/** The metrics of one server in one run. */
export const METRIC_IDS = [
  'sseEventsPerSecond',
  'bytesMegabytesPerSecond',
  'concurrentEventsPerSecond',
  'concurrentTtfbP50Ms',
  'concurrentTtfbP99Ms',
  'idleRssKbPerStream',
  'idleHeapKbPerStream',
  'slowRssGrowthMb',
  'slowProducedAheadKb',
] as const;
/** One of {@link METRIC_IDS}. */
export type MetricId = (typeof METRIC_IDS)[number];

/** What a metric means and which way is better. */
export interface MetricDefinition {
  id: MetricId;
  /** Scenario letter of the issue: a, b, c, d. */
  scenario: 'a' | 'b' | 'c' | 'd';
  label: string;
  unit: string;
  better: 'higher' | 'lower';
}

/** Metric values of one server in one run. */
export type MetricValues = Record<MetricId, number>;

/** One alternating run: each server once, in `order`. */
export interface BenchRun {
  index: number;
  order: ServerKind[];
  values: Partial<Record<ServerKind, MetricValues>>;
  /** value ÷ raw's value in this run. */
  ratiosToRaw: Partial<Record<ServerKind, MetricValues>>;
}

/** A metric of one server over all runs. */
export interface MetricSummary {
  median: number;
  /** Median over runs of the per-run ratio to raw. */
  medianRatioToRaw: number;
  values: number[];
}

/** One server over all runs. */
export interface ServerSummary {
  server: ServerKind;
  label: string;
  metrics: Record<MetricId, MetricSummary>;
}

/** A target of issue 6 and whether the reference met it. */
export interface TargetResult {
  id: string;
  /** What the issue asks, in words. */
  description: string;
  /** The figure compared: a median of per-run ratios, or a median value. */
  actual: number;
  comparison: '>=' | '<=' | '<';
  threshold: number;
  unit: string;
  met: boolean;
}

/** `reports/bench/bench.json`. */
export interface BenchReport {
  tool: 'streamconform-bench';
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; pinning: string; pinned: boolean };
  config: BenchConfig;
  metrics: MetricDefinition[];
  runs: BenchRun[];
  summary: ServerSummary[];
  targets: TargetResult[];
  conformance: ConformanceTiming[];
}
