/** Writes `bench.json` and `bench.md` into a directory (default `reports/bench`). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderBenchMarkdown } from './render-markdown.ts';
import type { BenchReport } from './report-model.ts';

/** Writes both files; returns their paths. */
export async function writeBenchReports(report: BenchReport, directory: string): Promise<{ json: string; markdown: string }> {
  await mkdir(directory, { recursive: true });
  const json = join(directory, 'bench.json');
  const markdown = join(directory, 'bench.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, renderBenchMarkdown(report));
  return { json, markdown };
}
