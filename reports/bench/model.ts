/**
 * The shape of `bench.json` (`npm run bench`; committed in
 * `reports/bench/out/`): every run's raw figures, the medians and ratios to
 * raw and to raw-batched, the API floor, and each target of issue 14 with its
 * verdict, per path of the reference. The model declares what
 * the report speaks of — the server kinds, the bench's configuration, the
 * timed conformance runs — and `load/bench` takes them from here.
 */

/** The server implementations the bench compares. */
export const SERVER_KINDS = ['raw', 'raw-batched', 'reference', 'reference-manual', 'hono'] as const;
/** One of {@link SERVER_KINDS}. */
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Everything a bench run does, and at what size. */
export interface BenchConfig {
  /** Alternating runs (every server once per run); medians are over these. */
  runs: number;
  /** Servers to compare; `raw` is the baseline of every ratio and must be included. */
  servers: ServerKind[];
  /** (a) one connection of small SSE events. */
  sse: { events: number; eventBytes: number };
  /** (a) one connection of large byte chunks, `rounds` interleaved transfers per server and run. */
  bytes: { chunks: number; chunkBytes: number; rounds: number };
  /** (b) many connections at once, SSE. */
  concurrent: { connections: number; events: number; eventBytes: number };
  /** (c) idle open SSE streams held at once (after a warm-up of as many, opened and closed). */
  idle: { streams: number };
  /** (d) a slow reader on an endless SSE stream. */
  slowReader: { durationMs: number; bytesPerSecond: number; eventBytes: number };
  /** Time the conformance suite: `shouldRuns` runs at `--level should` (a seed each), and one with `--browser`. */
  conformance: { should: boolean; shouldRuns: number; browser: boolean };
  /** Pin servers and client to separate cores with `taskset`. */
  pin: boolean;
}

/** One timed conformance run. */
export interface ConformanceTiming {
  /** The command line, as a person would type it (the seed included). */
  command: string;
  /** The fast-check seed of the run. */
  seed: number;
  /** Wall time from spawn to exit. */
  durationMs: number;
  /** The CLI's exit code (0 all passed, 1 some failed, 2 usage or adapter error). */
  exitCode: number;
  /** Verdict counts from `conformance.json`, when it was written. */
  summary: { pass: number; fail: number; skip: number } | undefined;
  /** Ids of failed requirements, when any. */
  failed: string[];
}

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
  /** value ÷ raw-batched's value in this run (empty without raw-batched). */
  ratiosToRawBatched: Partial<Record<ServerKind, MetricValues>>;
  /** The API floor of this run: the generator drained, framed and joined in memory, no socket (scenario (a) small events only). */
  apiFloor: { sseEventsPerSecond: number };
  /** Each server's small SSE events/s ÷ the API floor's, in this run. */
  ratiosToApiFloor: Partial<Record<ServerKind, number>>;
}

/** A metric of one server over all runs. */
export interface MetricSummary {
  median: number;
  /** Median over runs of the per-run ratio to raw. */
  medianRatioToRaw: number;
  /** Median over runs of the per-run ratio to raw-batched. */
  medianRatioToRawBatched: number;
  values: number[];
}

/** One server over all runs. */
export interface ServerSummary {
  server: ServerKind;
  label: string;
  metrics: Record<MetricId, MetricSummary>;
}

/** Which path of the reference a target judges (or the suite's own time). */
export type TargetSubject = 'reference' | 'reference-manual' | 'suite';

/** A target of issue 14 and whether the path it judges met it. */
export interface TargetResult {
  /** `<target>` for the suite, `<target>:<subject>` for a path of the reference, e.g. `a-sse:reference`. */
  id: string;
  subject: TargetSubject;
  /** What the issue asks, in words. */
  description: string;
  /** The figure compared: a median of per-run ratios, or a median value. */
  actual: number;
  comparison: '>=' | '<=' | '<';
  threshold: number;
  unit: string;
  /** The subject's own median figure and the bound it is held to (threshold × the anchor's median, for a ratio), in `figureUnit`. */
  figure: number;
  bound: number;
  figureUnit: string;
  met: boolean;
}

/** The API floor over all runs. */
export interface ApiFloorSummary {
  sseEventsPerSecond: { median: number; medianRatioToRaw: number; values: number[] };
}

/** `bench.json`. */
export interface BenchReport {
  tool: 'streamconform-bench';
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; pinning: string; pinned: boolean };
  config: BenchConfig;
  metrics: MetricDefinition[];
  runs: BenchRun[];
  summary: ServerSummary[];
  apiFloor: ApiFloorSummary;
  targets: TargetResult[];
  conformance: ConformanceTiming[];
}
