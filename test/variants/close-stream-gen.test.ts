/**
 * Precision of the CLOSE, STREAM and GEN checks: implementations that differ
 * from the reference where the spec allows it pass every requirement of these
 * areas. Each `close-*.ts`, `stream-*.ts` and `gen-*.ts` file of this folder
 * is such a variant (`export const departs` says how it differs and why that
 * is allowed). And flaws of other areas — the form of an encoded chunk — fail
 * under their own ids, not under the model checks of these areas.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { requirements } from '../../conformance/requirements/index.ts';
import { areaOf } from '../../conformance/requirements/define.ts';
import type { RequirementId } from '../../conformance/requirements/types.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';
import type { RequirementResult } from '../../reports/conformance/model.ts';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const AREAS = new Set(['CLOSE', 'STREAM', 'GEN']);
const SEED = 1;
const RUNS = 40;

/** The in-process requirements of the three areas, MUST and SHOULD. */
const ids = requirements.filter((r) => AREAS.has(areaOf(r.id)) && r.profile === 'in-process').map((r) => r.id);

const variantFiles = readdirSync(HERE)
  .filter((file) => /^(close|stream|gen)-.*\.ts$/.test(file) && !file.endsWith('.test.ts'))
  .sort();

function summary(results: readonly RequirementResult[]): string {
  return results.map((r) => `${r.id} ${r.status}${r.message ? `: ${r.message.slice(0, 400)}` : ''}`).join('\n');
}

async function resultsFor(path: string, only: readonly RequirementId[]): Promise<RequirementResult[]> {
  const adapter = await loadAdapter(path);
  const report = await runConformance([adapter], { seed: SEED, runs: RUNS, level: 'must', only, profiles: ['in-process'], timeoutMs: 15_000 });
  return report.adapters[0]!.requirements.filter((r) => only.includes(r.id));
}

describe('conforming variants pass CLOSE, STREAM and GEN', () => {
  it('there is one for each relaxation of these areas', () => {
    expect(variantFiles).toEqual(
      expect.arrayContaining([
        'close-write-after-end-error.ts',
        'stream-head-at-first-write.ts',
        'stream-sse-reordered-fields.ts',
        'stream-empty-chunk-in-body.ts',
        'gen-read-ahead-two.ts',
      ]),
    );
  });

  for (const file of variantFiles) {
    it(`${file} passes every CLOSE, STREAM and GEN requirement`, async () => {
      const path = join(HERE, file);
      const module = (await import(pathToFileURL(path).href)) as { departs?: unknown };
      expect(typeof module.departs === 'string' && module.departs.trim().length > 20, `${file} says how it departs from the reference`).toBe(true);
      const results = await resultsFor(path, ids);
      expect(results.map((r) => r.id).sort()).toEqual([...ids].sort());
      expect(results.filter((r) => r.status !== 'pass'), `${file} (${String(module.departs)}):\n${summary(results)}`).toEqual([]);
    });
  }
});

describe('a chunk\'s form is judged under CHUNK ids, not by the model checks', () => {
  const model: RequirementId[] = ['STREAM-004', 'STREAM-010', 'CLOSE-009'];
  const brokenDir = fileURLToPath(new URL('../broken/adapters/', import.meta.url));
  let reference: RequirementResult[] = [];

  beforeAll(async () => {
    reference = await resultsFor('reference', model);
  });

  for (const [file, breaks] of [
    ['chunk-hex-uppercase.ts', 'CHUNK-007'],
    ['chunk-base64-unpadded.ts', 'CHUNK-006'],
    ['chunk-base64url.ts', 'CHUNK-005'],
  ] as const) {
    it(`${file} fails ${breaks} and passes ${model.join(', ')}`, async () => {
      expect(reference.filter((r) => r.status !== 'pass'), summary(reference)).toEqual([]);
      const path = join(brokenDir, file);
      const results = await resultsFor(path, [...model, breaks]);
      expect(results.find((r) => r.id === breaks)?.status, summary(results)).toBe('fail');
      expect(results.filter((r) => r.id !== breaks && r.status !== 'pass'), summary(results)).toEqual([]);
    });
  }
});
