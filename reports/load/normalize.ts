/**
 * Turns any of the three k6 summary kinds into one {@link LoadSummary}.
 * Differences handled here (seen in real k6 v2.2.0 output):
 * - export thresholds are `{expr: failed}` (true = FAILED); handleSummary's are `{expr: {ok}}`;
 *   the machine-readable summary has none;
 * - a rate's value is `value` in the export, `rate` elsewhere; the machine-readable
 *   summary counts `matches`/`total` instead of `passes`/`fails`;
 * - the machine-readable summary names percentiles `p90`, not `p(90)`, has no `checks`
 *   metric (only `checks_succeeded`) and no counter rates (derived from `config.duration`);
 * - checks are an object keyed by name in the export, an array elsewhere.
 *
 * https://grafana.com/docs/k6/latest/results-output/end-of-test/
 */
import { LoadReportError, quote } from './errors.ts';
import type {
  CheckResult,
  LoadSummary,
  MetricContains,
  MetricType,
  SummaryKind,
  SummaryMetric,
  ThresholdResult,
} from './model.ts';
import { detectSummaryKind } from './summary-kind.ts';

type JsonObject = Record<string, unknown>;

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const METRIC_TYPES = new Set<MetricType>(['trend', 'rate', 'counter', 'gauge']);
const CONTAINS = new Set<MetricContains>(['time', 'data', 'default']);

const TIME_METRICS = new Set([
  'http_req_duration',
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
  'iteration_duration',
  'group_duration',
]);
const DATA_METRICS = new Set(['data_sent', 'data_received']);

/** `http_req_duration{scenario:sse}` → `http_req_duration`. */
export function baseMetricName(name: string): string {
  const brace = name.indexOf('{');
  return brace === -1 ? name : name.slice(0, brace);
}

/** `p90` → `p(90)`, `p99.9` → `p(99.9)`; other names unchanged. */
export function normalizeStatName(stat: string): string {
  const match = /^p(\d+(?:\.\d+)?)$/.exec(stat);
  return match ? `p(${match[1]})` : stat;
}

function numbersOf(raw: JsonObject, metric: string, file: string, skip: ReadonlySet<string> = new Set()): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (skip.has(key)) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new LoadReportError(
        'NOT_A_K6_SUMMARY',
        `metric ${quote(metric)} has ${quote(key)} = ${quote(value)}; k6 writes a finite number there`,
        file,
      );
    }
    values[normalizeStatName(key)] = value;
  }
  return values;
}

function containsFromName(name: string): MetricContains {
  const base = baseMetricName(name);
  if (TIME_METRICS.has(base)) return 'time';
  if (DATA_METRICS.has(base)) return 'data';
  return 'default';
}

function exportType(values: Record<string, number>): MetricType {
  if ('passes' in values && 'fails' in values) return 'rate';
  if ('avg' in values || 'med' in values) return 'trend';
  if ('count' in values) return 'counter';
  return 'gauge';
}

function checksFromGroup(group: unknown, into: CheckResult[]): void {
  if (!isRecord(group)) return;
  const checks = Array.isArray(group.checks) ? group.checks : isRecord(group.checks) ? Object.values(group.checks) : [];
  for (const check of checks) {
    if (!isRecord(check) || typeof check.name !== 'string') continue;
    const result: CheckResult = {
      name: check.name,
      passes: typeof check.passes === 'number' ? check.passes : 0,
      fails: typeof check.fails === 'number' ? check.fails : 0,
    };
    if (typeof check.path === 'string') result.path = check.path;
    into.push(result);
  }
  const groups = Array.isArray(group.groups) ? group.groups : isRecord(group.groups) ? Object.values(group.groups) : [];
  for (const child of groups) checksFromGroup(child, into);
}

function durationFromCounters(metrics: ReadonlyMap<string, SummaryMetric>): number | undefined {
  for (const name of ['iterations', 'http_reqs']) {
    const values = metrics.get(name)?.values;
    const count = values?.count;
    const rate = values?.rate;
    if (count !== undefined && rate !== undefined && rate > 0) return (count / rate) * 1000;
  }
  return undefined;
}

function fromSummaryExport(json: JsonObject, file: string): LoadSummary {
  const metrics = new Map<string, SummaryMetric>();
  const thresholds: ThresholdResult[] = [];
  for (const [name, raw] of Object.entries(json.metrics as JsonObject)) {
    const metric = raw as JsonObject;
    const values = numbersOf(metric, name, file, new Set(['thresholds']));
    const type = exportType(values);
    if (type === 'rate' && 'value' in values) {
      values.rate = values.value as number;
      delete values.value;
    }
    metrics.set(name, { name, type, contains: containsFromName(name), values });
    if (isRecord(metric.thresholds)) {
      for (const [expression, failed] of Object.entries(metric.thresholds)) {
        if (typeof failed !== 'boolean') {
          throw new LoadReportError(
            'NOT_A_K6_SUMMARY',
            `threshold ${quote(expression)} on ${quote(name)} is ${quote(failed)}; a --summary-export threshold is true (failed) or false (passed)`,
            file,
          );
        }
        thresholds.push({ metric: name, expression, ok: !failed });
      }
    }
  }
  const checks: CheckResult[] = [];
  checksFromGroup(json.root_group, checks);
  const summary: LoadSummary = { kind: 'summary-export', file, metrics, checks, thresholds, hasThresholds: true };
  const durationMs = durationFromCounters(metrics);
  if (durationMs !== undefined) summary.durationMs = durationMs;
  return summary;
}

function typeOf(raw: JsonObject, name: string, file: string): MetricType {
  const type = raw.type;
  if (typeof type !== 'string' || !METRIC_TYPES.has(type as MetricType)) {
    throw new LoadReportError(
      'NOT_A_K6_SUMMARY',
      `metric ${quote(name)} has type ${quote(type)}; k6 metric types are trend, rate, counter, gauge`,
      file,
    );
  }
  return type as MetricType;
}

function containsOf(raw: JsonObject, name: string): MetricContains {
  const contains = raw.contains;
  return typeof contains === 'string' && CONTAINS.has(contains as MetricContains)
    ? (contains as MetricContains)
    : containsFromName(name);
}

function fromHandleSummary(json: JsonObject, file: string): LoadSummary {
  const metrics = new Map<string, SummaryMetric>();
  const thresholds: ThresholdResult[] = [];
  for (const [name, raw] of Object.entries(json.metrics as JsonObject)) {
    const metric = raw as JsonObject;
    const type = typeOf(metric, name, file);
    const values = numbersOf(metric.values as JsonObject, name, file);
    metrics.set(name, { name, type, contains: containsOf(metric, name), values });
    if (isRecord(metric.thresholds)) {
      for (const [expression, verdict] of Object.entries(metric.thresholds)) {
        if (!isRecord(verdict) || typeof verdict.ok !== 'boolean') {
          throw new LoadReportError(
            'NOT_A_K6_SUMMARY',
            `threshold ${quote(expression)} on ${quote(name)} is ${quote(verdict)}; handleSummary data has {"ok": true|false} there`,
            file,
          );
        }
        thresholds.push({ metric: name, expression, ok: verdict.ok });
      }
    }
  }
  const checks: CheckResult[] = [];
  checksFromGroup(json.root_group, checks);
  const summary: LoadSummary = { kind: 'handle-summary', file, metrics, checks, thresholds, hasThresholds: true };
  const state = json.state;
  const durationMs = isRecord(state) && typeof state.testRunDurationMs === 'number' ? state.testRunDurationMs : durationFromCounters(metrics);
  if (durationMs !== undefined) summary.durationMs = durationMs;
  return summary;
}

function machineReadableMetric(raw: unknown, file: string, durationS: number | undefined): SummaryMetric {
  if (!isRecord(raw) || typeof raw.name !== 'string' || !isRecord(raw.values)) {
    throw new LoadReportError(
      'NOT_A_K6_SUMMARY',
      `results.metrics holds ${quote(raw)}; each entry is {name, type, contains, values}`,
      file,
    );
  }
  const name = raw.name;
  const type = typeOf(raw, name, file);
  const values = numbersOf(raw.values, name, file);
  if (type === 'rate' && 'matches' in values && 'total' in values) {
    values.passes = values.matches as number;
    values.fails = (values.total as number) - (values.matches as number);
  }
  if (type === 'counter' && !('rate' in values) && durationS !== undefined && durationS > 0 && values.count !== undefined) {
    values.rate = values.count / durationS;
  }
  return { name, type, contains: containsOf(raw, name), values };
}

function fromMachineReadable(json: JsonObject, file: string): LoadSummary {
  const config = isRecord(json.config) ? json.config : {};
  const durationS = typeof config.duration === 'number' ? config.duration : undefined;
  const results = json.results as JsonObject;
  const metrics = new Map<string, SummaryMetric>();
  const checksSection = isRecord(results.checks) ? results.checks : {};
  const checkMetrics = Array.isArray(checksSection.metrics) ? checksSection.metrics : [];
  for (const raw of [...(results.metrics as unknown[]), ...checkMetrics]) {
    const metric = machineReadableMetric(raw, file, durationS);
    metrics.set(metric.name, metric);
  }
  // k6's `checks` rate metric is `checks_succeeded` here; expose it under the usual name too.
  const succeeded = metrics.get('checks_succeeded');
  if (succeeded && !metrics.has('checks')) {
    metrics.set('checks', { ...succeeded, name: 'checks' });
  }
  const checks: CheckResult[] = [];
  checksFromGroup({ checks: checksSection.results, groups: results.groups }, checks);
  const summary: LoadSummary = { kind: 'machine-readable', file, metrics, checks, thresholds: [], hasThresholds: false };
  if (durationS !== undefined) summary.durationMs = durationS * 1000;
  const metadata = json.metadata;
  if (isRecord(metadata) && typeof metadata.k6_version === 'string') summary.k6Version = metadata.k6_version;
  return summary;
}

/**
 * Normalises a parsed k6 summary of any kind.
 * @param file - shown in error messages and in the report.
 * @throws {@link LoadReportError} `NOT_A_K6_SUMMARY` when the JSON is none of the three kinds.
 */
export function normalizeSummary(json: unknown, file: string): LoadSummary {
  const kind: SummaryKind = detectSummaryKind(json, file);
  const object = json as JsonObject;
  switch (kind) {
    case 'summary-export':
      return fromSummaryExport(object, file);
    case 'handle-summary':
      return fromHandleSummary(object, file);
    case 'machine-readable':
      return fromMachineReadable(object, file);
  }
}

/** Thresholds that failed. */
export function failedThresholds(summary: LoadSummary): ThresholdResult[] {
  return summary.thresholds.filter((threshold) => !threshold.ok);
}
