/**
 * The bench's reports (`npm run bench`): pure renderers of a {@link BenchReport}
 * (`bench.md`, the terminal table), and {@link writeBenchReports}, which
 * writes `bench.json` and `bench.md` (committed in `reports/bench/out/`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderBenchMarkdown } from './markdown.ts';
import type { BenchReport } from './model.ts';

export { renderBenchMarkdown } from './markdown.ts';
export { renderBenchText } from './text.ts';
export type * from './model.ts';
export { METRIC_IDS, SERVER_KINDS } from './model.ts';

/** Writes both files; returns their paths. */
export async function writeBenchReports(report: BenchReport, directory: string): Promise<{ json: string; markdown: string }> {
  await mkdir(directory, { recursive: true });
  const json = join(directory, 'bench.json');
  const markdown = join(directory, 'bench.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, renderBenchMarkdown(report));
  return { json, markdown };
}
