/** Number and text formatting shared by the load report renderers (deterministic, locale-free). */
import type { MetricContains, SummaryMetric, ThresholdResult } from './model.ts';

/** `0.43 ms`, `954.1 ms`, `1.56 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0 ms';
  if (Math.abs(ms) < 1) return `${ms.toFixed(3)} ms`;
  if (Math.abs(ms) < 100) return `${ms.toFixed(2)} ms`;
  if (Math.abs(ms) < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `512 B`, `468.0 KiB`, `1.25 MiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** Integers with thin grouping (`1 786`), other numbers with up to 4 significant decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  if (Math.abs(value) >= 100) return value.toFixed(1);
  return String(Number(value.toPrecision(4)));
}

/** `99.50%`. */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`;
}

/** A metric value for display, by what the metric holds and which stat it is. */
export function formatStat(contains: MetricContains, type: SummaryMetric['type'], stat: string, value: number): string {
  if (stat === 'count' || stat === 'passes' || stat === 'fails') {
    return contains === 'data' && stat === 'count' ? formatBytes(value) : formatNumber(value);
  }
  if (stat === 'rate') {
    if (type === 'rate') return formatPercent(value);
    return contains === 'data' ? `${formatBytes(value)}/s` : `${formatNumber(value)}/s`;
  }
  if (contains === 'time') return formatMs(value);
  if (contains === 'data') return formatBytes(value);
  return formatNumber(value);
}

/** The stat a threshold expression aggregates: `p(95)<500` → `p(95)`, `rate>0.99` → `rate`. */
export function thresholdStat(threshold: Pick<ThresholdResult, 'expression'>): string | undefined {
  const match = /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*(?:<=|>=|==|===|!=|<|>)/.exec(threshold.expression);
  return match?.[1];
}

/** The order trend stats are shown in. */
export const TREND_STATS = ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'] as const;

/** The stats of a metric in display order. */
export function statsOf(metric: SummaryMetric): string[] {
  const keys = Object.keys(metric.values);
  if (metric.type === 'trend') {
    const known = TREND_STATS.filter((stat) => keys.includes(stat));
    return [...known, ...keys.filter((key) => !(TREND_STATS as readonly string[]).includes(key)).sort()];
  }
  const order = ['rate', 'passes', 'fails', 'count', 'value', 'min', 'max'];
  return [...order.filter((stat) => keys.includes(stat)), ...keys.filter((key) => !order.includes(key)).sort()];
}
