/**
 * What both load renderers show, computed once: the verdict, headline numbers,
 * thresholds with the value they judged, checks, and the latency trends.
 */
import { formatNumber, formatPercent, formatStat, thresholdStat } from './format.ts';
import type { LoadRun, SummaryMetric } from './model.ts';
import { baseMetricName } from './normalize.ts';

export interface Verdict {
  passed: boolean;
  /** Why it failed (empty when passed). */
  reasons: string[];
}

export interface KeyNumber {
  label: string;
  value: string;
  /** Which metric:stat it shows. */
  source: string;
}

export interface ThresholdRow {
  metric: string;
  expression: string;
  ok: boolean;
  /** The value the expression aggregates, formatted, when the summary has it. */
  observed?: string;
}

export interface CheckRow {
  name: string;
  passes: number;
  fails: number;
  /** passes ÷ (passes + fails); 1 when there were none. */
  rate: number;
}

export interface LoadDigest {
  verdict: Verdict;
  keyNumbers: KeyNumber[];
  thresholds: ThresholdRow[];
  checks: CheckRow[];
  /** `http_req_waiting` (TTFB), `http_req_receiving`, `http_req_duration` and their tagged sub-metrics. */
  latency: SummaryMetric[];
  /** Every other metric, by name. */
  otherMetrics: SummaryMetric[];
}

const LATENCY = ['http_req_waiting', 'http_req_receiving', 'http_req_duration'];

function stat(run: LoadRun, metric: string, name: string): number | undefined {
  return run.summary.metrics.get(metric)?.values[name];
}

/** Computes the {@link LoadDigest} of a run. */
export function digestLoadRun(run: LoadRun): LoadDigest {
  const { summary } = run;
  const thresholds: ThresholdRow[] = summary.thresholds.map((threshold) => {
    const row: ThresholdRow = { metric: threshold.metric, expression: threshold.expression, ok: threshold.ok };
    const metric = summary.metrics.get(threshold.metric);
    const aggregate = thresholdStat(threshold);
    const value = aggregate === undefined ? undefined : metric?.values[aggregate];
    if (metric && aggregate !== undefined && value !== undefined) {
      row.observed = `${aggregate} = ${formatStat(metric.contains, metric.type, aggregate, value)}`;
    }
    return row;
  });
  const checks: CheckRow[] = summary.checks.map((check) => {
    const total = check.passes + check.fails;
    return { name: check.name, passes: check.passes, fails: check.fails, rate: total === 0 ? 1 : check.passes / total };
  });

  const reasons: string[] = [];
  const failed = thresholds.filter((row) => !row.ok);
  if (failed.length > 0) {
    reasons.push(`${failed.length} threshold${failed.length === 1 ? '' : 's'} crossed: ${failed.map((row) => `${row.metric} ${row.expression}`).join(', ')}`);
  }
  const failingChecks = checks.filter((row) => row.fails > 0);
  if (failingChecks.length > 0 && !summary.hasThresholds) {
    reasons.push(`${failingChecks.length} check${failingChecks.length === 1 ? '' : 's'} failed at least once`);
  }
  const regressions = run.baseline?.rows.filter((row) => row.regressed) ?? [];
  if (regressions.length > 0) {
    reasons.push(`regressed against ${run.baseline!.file}: ${regressions.map((row) => row.key).join(', ')}`);
  }
  if (run.info?.k6ExitCode !== undefined && run.info.k6ExitCode !== 0 && run.info.k6ExitCode !== 99) {
    reasons.push(`k6 exited with code ${run.info.k6ExitCode}`);
  }

  const keyNumbers: KeyNumber[] = [];
  const add = (label: string, metric: string, name: string, format: (value: number) => string): void => {
    const value = stat(run, metric, name);
    if (value !== undefined) keyNumbers.push({ label, value: format(value), source: `${metric}:${name}` });
  };
  const time = (value: number): string => formatStat('time', 'trend', 'p(95)', value);
  add('Requests', 'http_reqs', 'count', formatNumber);
  add('Requests/s', 'http_reqs', 'rate', (value) => formatNumber(value));
  add('Failed requests', 'http_req_failed', 'rate', formatPercent);
  add('Checks passed', 'checks', 'rate', formatPercent);
  add('TTFB p95 (waiting)', 'http_req_waiting', 'p(95)', time);
  add('Last byte p95 (duration)', 'http_req_duration', 'p(95)', time);
  add('Max VUs', 'vus_max', 'max', formatNumber);
  for (const metric of summary.metrics.values()) {
    if (metric.type === 'counter' && metric.name.endsWith('_total') && !metric.name.includes('{') && metric.name !== 'checks_total') {
      add(metric.name, metric.name, 'count', formatNumber);
    }
  }

  const latency = [...summary.metrics.values()]
    .filter((metric) => LATENCY.includes(baseMetricName(metric.name)))
    .sort((a, b) => {
      const order = LATENCY.indexOf(baseMetricName(a.name)) - LATENCY.indexOf(baseMetricName(b.name));
      return order !== 0 ? order : a.name.localeCompare(b.name);
    });
  const otherMetrics = [...summary.metrics.values()]
    .filter((metric) => !LATENCY.includes(baseMetricName(metric.name)))
    .sort((a, b) => a.name.localeCompare(b.name));

  return { verdict: { passed: reasons.length === 0, reasons }, keyNumbers, thresholds, checks, latency, otherMetrics };
}
