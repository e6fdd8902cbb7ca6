/** writeConformanceReports: the four files, in a folder it creates. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, renderJson, renderJunit, renderMarkdown, writeConformanceReports } from '../../reports/conformance/index.ts';
import { mixedReport } from './fixtures.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'streamconform-reports-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeConformanceReports', () => {
  it('creates the folder, writes the four files and returns their paths', async () => {
    const out = join(dir, 'a', 'b');
    const report = mixedReport();
    const paths = await writeConformanceReports(report, out);
    expect(paths).toEqual(['conformance.json', 'junit.xml', 'report.md', 'report.html'].map((file) => join(out, file)));
    const contents = await Promise.all(paths.map((path) => readFile(path, 'utf8')));
    expect(contents).toEqual([renderJson(report), renderJunit(report), renderMarkdown(report), renderHtml(report)]);
  });

  it('overwrites an earlier report', async () => {
    const out = join(dir, 'again');
    await writeConformanceReports(mixedReport(), out);
    const [jsonPath] = await writeConformanceReports({ ...mixedReport(), seed: 7 }, out);
    expect(JSON.parse(await readFile(jsonPath!, 'utf8')).seed).toBe(7);
  });
});
