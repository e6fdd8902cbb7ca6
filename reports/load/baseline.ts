/**
 * Comparing a run with a stored one (`--baseline FILE`): chosen `metric:stat`
 * values, a relative tolerance, and a direction per metric (a p95 that grows is
 * worse; a check rate that falls is worse).
 */
import { LoadReportError, quote } from './errors.ts';
import type { BaselineComparison, BaselineComparisonRow, LoadSummary } from './model.ts';
import { baseMetricName, normalizeStatName } from './normalize.ts';

export type Direction = BaselineComparisonRow['direction'];

/** One `--metric` argument: `http_req_duration:p(95)`, `http_req_waiting{scenario:sse}:p(95)`, `http_reqs:rate:higher-is-better`. */
export interface MetricSpec {
  metric: string;
  stat: string;
  /** Given explicitly, else inferred by {@link inferDirection}. */
  direction?: Direction;
}

/** Compared when no `--metric` is given (each where both files have it). */
export const DEFAULT_BASELINE_METRICS: readonly MetricSpec[] = [
  { metric: 'http_req_duration', stat: 'p(95)' },
  { metric: 'http_req_waiting', stat: 'p(95)' },
  { metric: 'http_req_failed', stat: 'rate' },
  { metric: 'checks', stat: 'rate' },
];

/**
 * Parses `METRIC:STAT[:lower-is-better|higher-is-better]`; the metric may carry
 * a tag selector with colons (`http_req_waiting{scenario:sse}:p(95)`).
 * @throws {@link LoadReportError} `INVALID_METRIC_SPEC`.
 */
export function parseMetricSpec(text: string): MetricSpec {
  const close = text.indexOf('}');
  const nameEnd = text.includes('{') && close !== -1 ? close + 1 : text.indexOf(':');
  const metric = nameEnd === -1 ? text : text.slice(0, nameEnd);
  const rest = nameEnd === -1 ? '' : text.slice(nameEnd);
  const parts = rest.startsWith(':') ? rest.slice(1).split(':') : [];
  const [stat, direction, ...extra] = parts;
  if (!/^[A-Za-z_][\w.]*(\{[^{}]*\})?$/.test(metric) || stat === undefined || stat === '' || extra.length > 0 ||
    (direction !== undefined && direction !== 'lower-is-better' && direction !== 'higher-is-better')) {
    throw new LoadReportError(
      'INVALID_METRIC_SPEC',
      `--metric ${quote(text)} is not METRIC:STAT[:lower-is-better|higher-is-better], e.g. http_req_duration:p(95) or checks:rate`,
    );
  }
  const spec: MetricSpec = { metric, stat: normalizeStatName(stat) };
  if (direction !== undefined) spec.direction = direction;
  return spec;
}

/**
 * Parses `--tolerance`: `10%` or `0.1`.
 * @throws {@link LoadReportError} `INVALID_TOLERANCE`.
 */
export function parseTolerance(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const value = match ? Number(match[1]) / (match[2] === '%' ? 100 : 1) : Number.NaN;
  if (!Number.isFinite(value) || value < 0) {
    throw new LoadReportError('INVALID_TOLERANCE', `--tolerance ${quote(text)} is not a non-negative number or percentage (10% or 0.1)`);
  }
  return value;
}

/**
 * Which way is worse. Rates of failure, trends and gauges: lower is better.
 * `checks` and rates named `*_ok`/`*_succeeded`, and counters (throughput): higher is better.
 */
export function inferDirection(summary: LoadSummary, spec: MetricSpec): Direction {
  if (spec.direction) return spec.direction;
  const type = summary.metrics.get(spec.metric)?.type;
  const base = baseMetricName(spec.metric);
  if (type === 'counter') return 'higher-is-better';
  if (type === 'rate' && (base === 'checks' || /(_ok|_succeeded|_success)$/.test(base))) {
    return spec.stat === 'fails' ? 'lower-is-better' : 'higher-is-better';
  }
  return 'lower-is-better';
}

function valueOf(summary: LoadSummary, spec: MetricSpec): number | undefined {
  return summary.metrics.get(spec.metric)?.values[spec.stat];
}

function missing(summary: LoadSummary, spec: MetricSpec): LoadReportError {
  const metric = summary.metrics.get(spec.metric);
  const why = metric
    ? `metric ${quote(spec.metric)} has no ${quote(spec.stat)} (it has ${Object.keys(metric.values).join(', ')})`
    : `has no metric ${quote(spec.metric)}`;
  return new LoadReportError('METRIC_MISSING', `${why}; cannot compare ${spec.metric}:${spec.stat}`, summary.file);
}

/**
 * Compares `current` with `baseline`. Explicit `specs` must exist in both files;
 * with none, {@link DEFAULT_BASELINE_METRICS} are compared where both files have them.
 * @throws {@link LoadReportError} `METRIC_MISSING` naming the metric and the file.
 */
export function compareWithBaseline(
  current: LoadSummary,
  baseline: LoadSummary,
  options: { specs?: readonly MetricSpec[]; tolerance: number },
): BaselineComparison {
  const explicit = options.specs !== undefined && options.specs.length > 0;
  const specs = explicit
    ? options.specs!
    : DEFAULT_BASELINE_METRICS.filter((spec) => valueOf(current, spec) !== undefined && valueOf(baseline, spec) !== undefined);
  if (specs.length === 0) {
    throw new LoadReportError(
      'METRIC_MISSING',
      `none of the default metrics (${DEFAULT_BASELINE_METRICS.map((s) => `${s.metric}:${s.stat}`).join(', ')}) is in both ${current.file} and ${baseline.file}; choose some with --metric`,
    );
  }
  const rows = specs.map((spec): BaselineComparisonRow => {
    const now = valueOf(current, spec);
    if (now === undefined) throw missing(current, spec);
    const before = valueOf(baseline, spec);
    if (before === undefined) throw missing(baseline, spec);
    const direction = inferDirection(current, spec);
    const change = before === 0 ? (now === 0 ? 0 : Math.sign(now) * Infinity) : (now - before) / Math.abs(before);
    const regressed = direction === 'lower-is-better' ? change > options.tolerance : change < -options.tolerance;
    return { key: `${spec.metric}:${spec.stat}`, current: now, baseline: before, change, direction, regressed };
  });
  return { file: baseline.file, tolerance: options.tolerance, rows };
}

/** One line per regressed metric, naming it with both values. */
export function describeRegressions(comparison: BaselineComparison): string[] {
  return comparison.rows
    .filter((row) => row.regressed)
    .map((row) => {
      const change = Number.isFinite(row.change) ? `${row.change >= 0 ? '+' : ''}${(row.change * 100).toFixed(1)}%` : 'from 0';
      return `${row.key} regressed: ${formatPlain(row.current)} now vs ${formatPlain(row.baseline)} in ${comparison.file} (${change}, ${row.direction}, tolerance ${(comparison.tolerance * 100).toFixed(1)}%)`;
    });
}

function formatPlain(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}
