/**
 * Conformance reports (README "Reading a report"): pure renderers `(report) => string` for
 * `conformance.json`, `junit.xml`, `report.md` and `report.html`, and
 * {@link writeConformanceReports}, which writes all four.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import type { ConformanceReport } from './model.ts';

export { renderJson } from './json.ts';
export { renderJunit } from './junit.ts';
export { renderMarkdown, MARKDOWN_MAX_CHARS } from './markdown.ts';
export { renderHtml } from './html.ts';
export {
  adapterReport,
  countsAtLevel,
  fallbackRootCause,
  gradeVerdict,
  groupRootCauses,
  hasHarnessErrors,
  isBlocking,
  reportPasses,
  summarize,
  tally,
  usesExpectations,
  VERDICT_LABEL,
} from './outcome.ts';
export { fixFirst, rootCauseText, type FixFirstEntry } from './fix-first.ts';
export type { RunLevel, Tally } from './outcome.ts';
export type {
  AdapterReport,
  ConformanceReport,
  Counterexample,
  Expectation,
  RootCause,
  RootCauseGroup,
  StrayError,
  RequirementResult,
  Status,
  TranscriptChunk,
  Verdict,
} from './model.ts';

/** The files {@link writeConformanceReports} writes, and the renderer of each. */
export const REPORT_FILES = [
  { file: 'conformance.json', render: renderJson },
  { file: 'junit.xml', render: renderJunit },
  { file: 'report.md', render: renderMarkdown },
  { file: 'report.html', render: renderHtml },
] as const satisfies readonly { file: string; render: (report: ConformanceReport) => string }[];

/**
 * Renders the report four ways and writes `conformance.json`, `junit.xml`,
 * `report.md` and `report.html` into `dir` (created if missing). Returns
 * the paths written, in that order. Every renderer runs before the first
 * file is written, so a renderer bug leaves no half-written set.
 */
export async function writeConformanceReports(report: ConformanceReport, dir: string): Promise<string[]> {
  const rendered = REPORT_FILES.map(({ file, render }) => ({ path: join(dir, file), text: render(report) }));
  await mkdir(dir, { recursive: true });
  await Promise.all(rendered.map(({ path, text }) => writeFile(path, text, 'utf8')));
  return rendered.map(({ path }) => path);
}
