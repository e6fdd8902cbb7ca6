/**
 * Load reports: read k6 results (any summary kind, the `--out json` stream,
 * the target's `/metrics` samples), compare with a baseline, render
 * `load.html` and `load.md`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderLoadHtml } from './html.ts';
import { renderLoadMarkdown } from './markdown.ts';
import type { LoadRun } from './model.ts';

export type * from './model.ts';
export { LoadReportError, type LoadReportErrorCode } from './errors.ts';
export { detectSummaryKind } from './summary-kind.ts';
export { normalizeSummary, failedThresholds, normalizeStatName, baseMetricName } from './normalize.ts';
export { readSummaryFile, readServerSamples, parseServerSamples } from './read.ts';
export { readTimeline, timelineFromText, TimelineBuilder } from './timeline.ts';
export {
  compareWithBaseline,
  describeRegressions,
  parseMetricSpec,
  parseTolerance,
  inferDirection,
  DEFAULT_BASELINE_METRICS,
  type MetricSpec,
} from './baseline.ts';
export { digestLoadRun, type LoadDigest } from './digest.ts';
export { renderLoadHtml } from './html.ts';
export { renderLoadMarkdown } from './markdown.ts';

/** Writes `load.html` and `load.md` into `dir` (created if needed); returns their paths. */
export async function writeLoadReports(run: LoadRun, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const html = join(dir, 'load.html');
  const markdown = join(dir, 'load.md');
  await writeFile(html, renderLoadHtml(run));
  await writeFile(markdown, renderLoadMarkdown(run));
  return [html, markdown];
}
