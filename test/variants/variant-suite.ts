/**
 * The proof of precision: every conforming variant in this folder (an adapter
 * that departs from the reference only where the spec allows it, and says
 * how in `export const departs`) must pass every MUST requirement of the
 * in-process and wire profiles. A failure names the requirement and the
 * check's message: either the variant is not conforming after all, or the
 * check is stricter than the spec.
 *
 * Variants are found by globbing the folder (every `.ts` file but the tests
 * and this one); the test files each take a share of them, so vitest runs
 * them in parallel.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { requirements } from '../../conformance/requirements/index.ts';
import type { Profile, RequirementId } from '../../conformance/requirements/types.ts';
import { runConformance } from '../../conformance/runner/run.ts';
import type { RequirementResult } from '../../reports/conformance/model.ts';

export const VARIANTS_DIR = fileURLToPath(new URL('./', import.meta.url));
const SELF = 'variant-suite.ts';

const SEED = 1;
/** fast-check runs per property: enough to meet each variant's departure many times over. */
const RUNS = 15;
const PROFILES: readonly Profile[] = ['in-process', 'wire'];
/** Per-check time limit (the reference's slowest check takes about 2 s). */
const CHECK_TIMEOUT_MS = 15_000;
/** One whole run of the MUSTs against one variant. */
const VARIANT_TIMEOUT_MS = 180_000;

/** The requirements a variant must pass: every MUST of the profiles run. */
export const MUST_IDS: readonly RequirementId[] = requirements.filter((r) => r.level === 'MUST' && PROFILES.includes(r.profile)).map((r) => r.id);

export interface VariantFile {
  file: string;
  path: string;
  /** What the variant does differently, and which clause or standard allows it. */
  departs: unknown;
  adapterName: unknown;
  /**
   * The profiles it is run in (`export const profiles`, default both): a
   * variant whose app is the reference's, untouched, and whose only departure
   * is its `listen`/`listenHttp2`, is run in the wire profile only — its
   * in-process results are the reference's (the control) by construction.
   */
  profiles: Profile[];
}

/** Every variant file of the folder, sorted by name. */
export async function variantFiles(): Promise<VariantFile[]> {
  const files = readdirSync(VARIANTS_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts') && file !== SELF)
    .sort();
  const found: VariantFile[] = [];
  for (const file of files) {
    const path = join(VARIANTS_DIR, file);
    const module = (await import(pathToFileURL(path).href)) as { departs?: unknown; profiles?: unknown; default?: { name?: unknown } };
    const profiles = Array.isArray(module.profiles) ? module.profiles.filter((p): p is Profile => PROFILES.includes(p as Profile)) : [...PROFILES];
    found.push({ file, path, departs: module.departs, adapterName: module.default?.name, profiles });
  }
  return found;
}

/** Runs the MUSTs against `spec` (`reference` or a module path); the results of the MUSTs that did not pass. */
export async function mustFailures(
  spec: string,
  profiles: readonly Profile[] = PROFILES,
): Promise<{ failures: RequirementResult[]; results: RequirementResult[]; durationMs: number }> {
  const adapter = await loadAdapter(spec);
  const report = await runConformance([adapter], {
    seed: SEED,
    runs: RUNS,
    level: 'must',
    only: MUST_IDS.filter((id) => profiles.includes(requirements.find((r) => r.id === id)!.profile)),
    profiles,
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  const results = report.adapters[0]!.requirements;
  const failures = results.filter((r) => r.level === 'MUST' && r.status !== 'pass' && r.status !== 'skip');
  return { failures, results, durationMs: report.durationMs };
}

/** One paragraph per failing requirement, for the assertion message. */
export function describeFailures(failures: readonly RequirementResult[]): string {
  return failures
    .map((r) => {
      const input = r.counterexample?.input ? `\n    counterexample: ${r.counterexample.input.slice(0, 300)}` : '';
      return `  ${r.id} ${r.status}: ${r.message ?? '(no message)'}${input}`;
    })
    .join('\n');
}

/**
 * Declares the tests of share `shard` (0-based) of `shards` of the variants.
 * Call it at the top level of a test file.
 */
export async function describeVariants(shard: number, shards: number): Promise<void> {
  const all = await variantFiles();
  const mine = all.filter((_, index) => index % shards === shard);

  describe(`conforming variants, share ${shard + 1} of ${shards}: every MUST passes (${PROFILES.join(' and ')} profiles, seed ${SEED}, ${RUNS} runs)`, () => {
    if (shard === 0) {
      it('there are at least 20, each saying how it departs and named variant/…', () => {
        expect(all.length).toBeGreaterThanOrEqual(20);
        for (const entry of all) {
          expect(typeof entry.departs === 'string' && entry.departs.trim().length > 20, `${entry.file} exports departs`).toBe(true);
          expect(entry.adapterName, `${entry.file}: adapter name`).toMatch(/^variant\//);
          expect(entry.profiles.length, `${entry.file}: profiles`).toBeGreaterThan(0);
        }
      });

      it(
        'the reference passes the same run (the control)',
        async () => {
          const { failures } = await mustFailures('reference');
          expect(failures, `the reference fails:\n${describeFailures(failures)}`).toEqual([]);
        },
        VARIANT_TIMEOUT_MS,
      );
    }

    for (const entry of mine) {
      it(
        `${entry.file} passes every MUST of the ${entry.profiles.join(' and ')} profile(s) (${String(entry.departs).slice(0, 80)}…)`,
        async () => {
          const { failures } = await mustFailures(entry.path, entry.profiles);
          expect(
            failures.map((r) => r.id),
            `${entry.file} departs from the reference where the spec allows (${String(entry.departs)}), yet the suite fails it:\n${describeFailures(failures)}`,
          ).toEqual([]);
        },
        VARIANT_TIMEOUT_MS,
      );
    }
  });
}
