/**
 * The load report's model: one shape for the three k6 summary kinds
 * (`--summary-export`, `handleSummary` JSON, `--new-machine-readable-summary`),
 * the `--out json` points bucketed per second, and the load target's
 * `/metrics` samples. Renderers read only this.
 *
 * k6 formats: https://grafana.com/docs/k6/latest/results-output/end-of-test/
 */

/** Which file a summary came from. */
export type SummaryKind = 'summary-export' | 'handle-summary' | 'machine-readable';

/** k6 metric types. */
export type MetricType = 'trend' | 'rate' | 'counter' | 'gauge';

/** What a metric's values measure (`time` values are milliseconds, `data` bytes). */
export type MetricContains = 'time' | 'data' | 'default';

/**
 * A metric's values, normalised. Trend stats keep k6's names (`avg`, `min`,
 * `med`, `max`, `p(90)`, `p(95)`, `p(99)`, `count`); the machine-readable
 * summary's `p90`/`p95` become `p(90)`/`p(95)`. Rates always carry `rate`
 * (the export's `value`), `passes` and `fails`; counters `count` and, when
 * known, `rate` per second.
 */
export type MetricValues = Readonly<Record<string, number>>;

/** One threshold expression on one metric, with its verdict. */
export interface ThresholdResult {
  /** The metric (or tagged sub-metric) it is set on, e.g. `http_req_waiting{scenario:sse}`. */
  metric: string;
  /** The expression as written in the script, e.g. `p(95)<500`. */
  expression: string;
  /** `true` when the threshold held (k6's `ok`; the export's `false`). */
  ok: boolean;
}

export interface SummaryMetric {
  /** k6's name; sub-metrics keep their tag selector: `http_req_duration{scenario:text}`. */
  name: string;
  type: MetricType;
  contains: MetricContains;
  values: MetricValues;
}

/** One `check()` name with its counts (groups are flattened, path kept). */
export interface CheckResult {
  name: string;
  /** `::group::name` path when k6 gave one. */
  path?: string;
  passes: number;
  fails: number;
}

/** A k6 end-of-test summary, whichever kind it was. */
export interface LoadSummary {
  kind: SummaryKind;
  /** The file it was read from (as given). */
  file: string;
  /** Metrics by name (sub-metrics included), in the file's order. */
  metrics: ReadonlyMap<string, SummaryMetric>;
  checks: readonly CheckResult[];
  /** Empty for the machine-readable summary, which carries no thresholds. */
  thresholds: readonly ThresholdResult[];
  /** Whether the summary kind records thresholds at all. */
  hasThresholds: boolean;
  /** Test run length in ms, when the file tells it (directly or as count ÷ rate). */
  durationMs?: number;
  /** k6 version, when the file tells it (machine-readable only). */
  k6Version?: string;
}

/** One per-second bucket of the `--out json` points. */
export interface TimelineBucket {
  /** Seconds since the first point. */
  second: number;
  /** `http_reqs` in this second. */
  requests: number;
  /** Requests with `expected_response:false` (failed, per k6). */
  failedRequests: number;
  /** Largest `vus` gauge value seen in this second (undefined when none). */
  vus?: number;
  /** Event counters (custom counters whose name ends in `_total`) summed per second, by metric name. */
  events: Readonly<Record<string, number>>;
}

/** A log-scale histogram of a trend's points (milliseconds). */
export interface Histogram {
  metric: string;
  /** Lower bounds of the bins in ms; bin i is [bounds[i], bounds[i+1]). */
  bounds: readonly number[];
  counts: readonly number[];
  total: number;
}

/** What the `--out json` stream says over time. */
export interface LoadTimeline {
  file: string;
  /** Lines read (metric declarations and points). */
  lines: number;
  points: number;
  /** ISO time of the first point. */
  startedAt?: string;
  buckets: readonly TimelineBucket[];
  /** Names of the event counters found (keys of `events`). */
  eventMetrics: readonly string[];
  /** `http_req_waiting` (time to first byte) and `http_req_duration` (last byte). */
  histograms: { waiting: Histogram; duration: Histogram };
  /** Requests that ended in a k6 error (status 0: timeout, reset...) by error text. */
  errors: Readonly<Record<string, number>>;
}

/**
 * One sample of the load target's `GET /metrics` (see `load/serve/`), taken by
 * `streamconform load run` while k6 runs. Memory is the target process's.
 */
export interface ServerMetricsSample {
  /** ms since the sampler started. */
  t: number;
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  streams: { open: number; opened: number; completed: number; aborted: number; failed: number };
  /** Bytes the scenario routes handed to the implementation. */
  bytesProduced: number;
}

/** How the run was made (shown in the report header; all optional). */
export interface LoadRunInfo {
  adapter?: string;
  scenario?: string;
  profile?: string;
  baseUrl?: string;
  /** The command that reproduces the run. */
  command?: string;
  /** k6's exit code (99 = thresholds crossed). */
  k6ExitCode?: number;
}

/** A metric compared with a stored run. */
export interface BaselineComparisonRow {
  /** `metric:stat`, e.g. `http_req_duration:p(95)`. */
  key: string;
  current: number;
  baseline: number;
  /** (current − baseline) ÷ |baseline|; `Infinity` when the baseline is 0 and the value grew. */
  change: number;
  direction: 'lower-is-better' | 'higher-is-better';
  regressed: boolean;
}

export interface BaselineComparison {
  file: string;
  /** Relative tolerance, 0.1 for `10%`. */
  tolerance: number;
  rows: readonly BaselineComparisonRow[];
}

/** Everything a load report shows. */
export interface LoadRun {
  summary: LoadSummary;
  timeline?: LoadTimeline;
  server?: readonly ServerMetricsSample[];
  info?: LoadRunInfo;
  baseline?: BaselineComparison;
}
