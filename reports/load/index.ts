/**
 * Load reports: read k6 results (any summary kind, the `--out json` stream,
 * the target's `/metrics` samples), compare with a baseline, render
 * `load.html` and `load.md`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderLoadHtml } from './html.js';
import { renderLoadMarkdown } from './markdown.js';
import type { LoadRun } from './model.js';

export type * from './model.js';
export { LoadReportError, type LoadReportErrorCode } from './errors.js';
export { detectSummaryKind } from './summary-kind.js';
export { normalizeSummary, failedThresholds, normalizeStatName, baseMetricName } from './normalize.js';
export { readSummaryFile, readServerSamples, parseServerSamples } from './read.js';
export { readTimeline, timelineFromText, TimelineBuilder } from './timeline.js';
export {
  compareWithBaseline,
  describeRegressions,
  parseMetricSpec,
  parseTolerance,
  inferDirection,
  DEFAULT_BASELINE_METRICS,
  type MetricSpec,
} from './baseline.js';
export { digestLoadRun, type LoadDigest } from './digest.js';
export { renderLoadHtml } from './html.js';
export { renderLoadMarkdown } from './markdown.js';

/** Writes `load.html` and `load.md` into `dir` (created if needed); returns their paths. */
export async function writeLoadReports(run: LoadRun, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const html = join(dir, 'load.html');
  const markdown = join(dir, 'load.md');
  await writeFile(html, renderLoadHtml(run));
  await writeFile(markdown, renderLoadMarkdown(run));
  return [html, markdown];
}
