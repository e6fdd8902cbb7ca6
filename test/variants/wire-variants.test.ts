/**
 * Precision of the wire profile: implementations that differ from the
 * reference where the spec allows it (each `test/variants/wire-*.ts` says how
 * in `departs`) pass every requirement the wire profile judges — WIRE-001..017
 * and GEN-004 over a socket — at level must. A check that fails one of them
 * judges something its rule does not say.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { allChecks } from '../../conformance/properties/index.ts';
import { requirements } from '../../conformance/requirements/index.ts';
import type { Check } from '../../conformance/runner/check.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';

const DIR = fileURLToPath(new URL('./', import.meta.url));
const files = readdirSync(DIR)
  .filter((file) => file.startsWith('wire-') && file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .sort();

const profileOf = (check: Check) => check.profile ?? requirements.find((entry) => entry.id === check.requirement)!.profile;
/** The checks of the wire profile, and the requirements they judge. */
const wireChecks = allChecks.filter((check) => profileOf(check) === 'wire');
const judged = [...new Set(wireChecks.map((check) => check.requirement))];

describe('conforming wire variants pass every wire requirement (level must)', () => {
  it('there are the four of this suite at least, and the wire profile judges GEN-004 and WIRE-001..017', () => {
    expect(files).toEqual(expect.arrayContaining(['wire-empty-chunks.ts', 'wire-head-with-first-write.ts', 'wire-no-batching.ts', 'wire-read-ahead-64.ts']));
    expect(judged).toContain('GEN-004');
    for (let n = 1; n <= 17; n++) expect(judged).toContain(`WIRE-${String(n).padStart(3, '0')}`);
  });

  for (const file of files) {
    it(file, { timeout: 240_000 }, async () => {
      const path = join(DIR, file);
      const module = (await import(pathToFileURL(path).href)) as { departs?: unknown };
      expect(typeof module.departs, `${file} says how it departs from the reference`).toBe('string');
      expect((module.departs as string).length).toBeGreaterThan(40);
      const adapter = await loadAdapter(path);
      const report = await runConformance([adapter], {
        seed: 7,
        runs: 30,
        level: 'must',
        only: judged,
        // GEN-004 is an in-process requirement judged by a wire check too: enable its profile, run only the wire checks.
        profiles: ['in-process', 'wire'],
        checks: wireChecks,
        timeoutMs: 15_000,
      });
      const results = report.adapters[0]!.requirements.filter((result) => judged.includes(result.id));
      expect(results.map((result) => result.id).sort()).toEqual([...judged].sort());
      const notPassed = results.filter((result) => result.status !== 'pass').map((result) => `${result.id} ${result.verdict}: ${result.message}`);
      expect(notPassed, `${file} (${module.departs as string})`).toEqual([]);
      expect(report.passed).toBe(true);
    });
  }
});
