/** Number formatting shared by the bench's renderers. */
import type { MetricDefinition } from './model.ts';

/** A metric value in its unit's usual precision (`412,178`, `901`, `3.4`, `0.26`). */
export function formatValue(value: number, unit: MetricDefinition['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'events/s') return Math.round(value).toLocaleString('en-US');
  if (unit === 'MB/s' || (unit === 'KB' && Math.abs(value) >= 100)) return Math.round(value).toLocaleString('en-US');
  if (unit === 'MB') return value.toFixed(2);
  return value.toFixed(1);
}

/** A ratio as `0.93×`. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
}

/** A duration in seconds with one decimal. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
