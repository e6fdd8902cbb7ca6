/** Number formatting shared by the bench's renderers. */
import type { MetricDefinition, TargetResult } from './model.ts';

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

/** A target's comparison as a sign: `≥`, `≤`, `<`. */
export function comparisonSign(comparison: TargetResult['comparison']): string {
  return comparison === '>=' ? '≥' : comparison === '<=' ? '≤' : '<';
}

/** A target's figure and its bound, in the figure's unit: `2,130,000 events/s (bound ≥ 2,700,000)`. */
export function formatFigureAndBound(target: TargetResult): string {
  const value = (n: number): string => (target.figureUnit === 'runs failed' ? String(n) : formatValue(n, target.figureUnit));
  return `${value(target.figure)} ${target.figureUnit} (bound ${comparisonSign(target.comparison)} ${value(target.bound)})`;
}

/** A target's ratio or value against its threshold: `0.71 × API floor (≥ 0.9)`. */
export function formatActual(target: TargetResult): string {
  const actual = Number.isFinite(target.actual) ? (target.unit === 'runs failed' ? String(target.actual) : target.actual.toFixed(2)) : 'n/a';
  return `${actual} ${target.unit} (${comparisonSign(target.comparison)} ${target.threshold})`;
}

/** The heading of a target subject. */
export const SUBJECT_TITLES: Record<TargetResult['subject'], string> = {
  reference: 'reference, generator path (sseResponse / streamResponse)',
  'reference-manual': 'reference, createStream + await ready path',
  suite: 'the conformance suite’s own time',
};
