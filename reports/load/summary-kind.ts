/**
 * Tells the three k6 end-of-test summary files apart (they differ in shape and
 * in meaning: a threshold `true` in `--summary-export` means it FAILED).
 *
 * - `summary-export`: `k6 run --summary-export FILE` — `{root_group, metrics}`,
 *   metrics are flat maps of numbers.
 * - `handle-summary`: `JSON.stringify(data)` of what `handleSummary(data)` got —
 *   `{root_group, options, state, metrics}`, each metric `{type, contains, values}`.
 * - `machine-readable`: `k6 run --new-machine-readable-summary --summary-export FILE` —
 *   `{version, metadata, config, results: {checks, metrics: [...]}}`.
 *
 * https://grafana.com/docs/k6/latest/results-output/end-of-test/
 */
import { LoadReportError } from './errors.ts';
import type { SummaryKind } from './model.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The kind of a parsed summary file.
 * @throws {@link LoadReportError} `NOT_A_K6_SUMMARY` naming `file` and what was found.
 */
export function detectSummaryKind(json: unknown, file: string): SummaryKind {
  if (isRecord(json)) {
    const results = json.results;
    if (typeof json.version === 'string' && isRecord(results) && Array.isArray(results.metrics)) {
      return 'machine-readable';
    }
    const metrics = json.metrics;
    if (isRecord(metrics)) {
      const entries = Object.values(metrics);
      const first = entries[0];
      if (entries.length > 0 && entries.every(isRecord) && isRecord(first)) {
        if (entries.every((m) => isRecord(m.values) && typeof m.type === 'string')) return 'handle-summary';
        if (entries.every((m) => !('values' in m) && Object.values(m).some((v) => typeof v === 'number'))) {
          return 'summary-export';
        }
      }
    }
  }
  const found = isRecord(json)
    ? `an object with keys ${JSON.stringify(Object.keys(json).slice(0, 8))}`
    : Array.isArray(json)
      ? 'an array'
      : `${json === null ? 'null' : typeof json}`;
  throw new LoadReportError(
    'NOT_A_K6_SUMMARY',
    `is not a k6 summary (found ${found}). Expected one of: a --summary-export file ` +
      `({root_group, metrics} with flat numbers per metric), the JSON handleSummary(data) received ` +
      `({metrics: {NAME: {type, values}}}), or a --new-machine-readable-summary file ({version, results: {metrics: [...]}}).`,
    file,
  );
}
