/**
 * The suite's proof of strength (spec §2a), for the adapters of one run
 * profile: every deliberately broken adapter in `test/broken/adapters/`
 * fails the requirement it breaks — with a message, and a counterexample
 * when the failing check is a property — while the reference passes that
 * requirement under the same settings, and while the adapter still passes a
 * sample of the other requirements of its area (its breakage is targeted).
 * Hostile adapters (a handler that never returns, a createStream that always
 * throws) cost each check its time limit or a failure with a message, never
 * a hung run.
 *
 * Adapters are found by globbing the folder: drop a file there (`export
 * default defineAdapter(...)` plus `export const breaks = 'AREA-NNN'`) and it
 * is tested by the test file of its requirement's profile
 * (`broken-adapters*.test.ts`, one per profile, so vitest runs them in parallel).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import type { Check } from '../../conformance/runner/check.ts';
import { type SuiteOptions } from '../../conformance/runner/options.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';
import { areaOf } from '../../conformance/requirements/define.ts';
import type { Profile, RequirementId } from '../../conformance/requirements/types.ts';
import type { RequirementResult } from '../../reports/conformance/model.ts';
import { adapterProfile, brokenAdapterFiles, checkProfile, loadChecks, observeProperties, requirementOf, sampleOfArea } from './suite.ts';

const SEED = 1;
/** fast-check runs for the requirement an adapter breaks (and for the reference on it). */
const TARGET_RUNS = 30;
/** fast-check runs for the sample of other requirements (enough to see a gross side effect). */
const SAMPLE_RUNS = 10;
/** How many other requirements of its area each adapter must still pass. */
const SAMPLE_SIZE = 3;
/** Per-check time limit: a check that hangs on a broken adapter costs this, not the run. */
const CHECK_TIMEOUT_MS = 5_000;
/** Per-check time limit for hostile adapters (they hang on purpose). */
const HOSTILE_TIMEOUT_MS = 1_500;

/** Helpers shared by the test files; `checks` are the suite's, observed (see {@link observeProperties}). */
function options(checks: readonly Check[], only: readonly RequirementId[], runs: number, profiles: readonly Profile[], timeoutMs = CHECK_TIMEOUT_MS): SuiteOptions {
  return { seed: SEED, runs, level: 'should', only, profiles, checks, timeoutMs };
}

function resultOf(results: readonly RequirementResult[], id: RequirementId): RequirementResult {
  const found = results.find((result) => result.id === id);
  if (!found) throw new Error(`${id} is missing from the report`);
  return found;
}

/** One line per result, for assertion messages. */
function summary(results: readonly RequirementResult[]): string {
  return results.map((r) => `${r.id} ${r.status}${r.message ? `: ${r.message.slice(0, 300)}` : ''}`).join('\n');
}

/**
 * Declares the tests of every broken adapter whose requirement has run
 * profile `profile` (and, for `in-process`, of the hostile adapters).
 * Call it at the top level of a test file.
 */
export async function describeBrokenAdapters(profile: Profile): Promise<void> {
  const adapters = await brokenAdapterFiles();
  const targeted = adapters.filter((entry) => entry.breaks !== undefined && entry.hostile === undefined && adapterProfile(entry) === profile);
  const hostile = adapters.filter((entry) => entry.hostile !== undefined && entry.affects.every((id) => requirementOf(id).profile === profile));

  const properties = new Set<Check>();
  const all = observeProperties(await loadChecks(), properties);
  /** The requirements broken here; each is judged by its checks of this profile only (GEN-004 has in-process and wire checks). */
  const targets = new Set(targeted.map((entry) => entry.breaks!));
  const checks = all.filter((check) => !targets.has(check.requirement) || checkProfile(check) === profile);
  /** The profiles a run of `ids` needs enabled (a requirement is skipped unless its own profile is). */
  const profilesFor = (ids: Iterable<RequirementId>): Profile[] => [...new Set([profile, ...[...ids].map((id) => requirementOf(id).profile)])];

  /** The requirements with a check in the areas of the targets (the pool samples are drawn from). */
  const areas = new Set([...targets].map((id) => areaOf(id)));
  const areaRequirements = checks
    .map((check) => check.requirement)
    .filter((id, i, all) => all.indexOf(id) === i && areas.has(areaOf(id)) && requirementOf(id).profile === profile);
  const stillPasses = targeted.flatMap((entry) => entry.stillPasses);

  let reference: RequirementResult[] = [];

  beforeAll(async () => {
    if (targeted.length === 0) return;
    const adapter = await loadAdapter('reference');
    const baseline = [...new Set([...targets, ...areaRequirements, ...stillPasses])];
    const baselineProfiles = profilesFor(baseline);
    const report = await runConformance([adapter], options(checks, baseline, TARGET_RUNS, baselineProfiles));
    reference = report.adapters[0]!.requirements;
  }, 120_000);

  describe(`deliberately broken adapters (${profile} profile)`, () => {
    if (profile === 'in-process') {
      it('there are at least 24, spread over every in-process area', () => {
        expect(targeted.length).toBeGreaterThanOrEqual(24);
        const covered = new Set(targeted.map((entry) => areaOf(entry.breaks!)));
        expect([...covered].sort()).toEqual(expect.arrayContaining(['CHUNK', 'CLOSE', 'GEN', 'HDR', 'SSE', 'STREAM']));
      });
    } else {
      it('there are some', () => {
        expect(targeted.length).toBeGreaterThan(0);
      });
    }

    targeted.forEach((entry, index) => {
      const target = entry.breaks!;
      const excluded = new Set<string>([target, ...entry.alsoBreaks]);

      it(`${entry.file} fails ${target}; the reference passes it`, async () => {
        const judging = checks.filter((check) => check.requirement === target);
        expect(judging.length, `no check judges ${target} yet (has conformance/properties/${areaOf(target).toLowerCase()}.ts landed?)`).toBeGreaterThan(0);

        const adapter = await loadAdapter(entry.path);
        const report = await runConformance([adapter], options(checks, [target], TARGET_RUNS, profilesFor([target])));
        const result = resultOf(report.adapters[0]!.requirements, target);
        expect(result.status, `${entry.file} should fail ${target}; the suite says:\n${summary([result])}`).toBe('fail');
        expect(result.message?.trim()).toBeTruthy();
        expect(result.message).not.toMatch(/no check judges/);

        const failing = judging.find((check) => result.message!.startsWith(`${check.title}: `));
        expect(failing, `the failure names one of ${target}'s checks: ${result.message}`).toBeDefined();
        // A blocked check whose blocker passed is a failure too; when every run was blocked there is no one input to show.
        if (properties.has(failing!) && result.blockedBy === undefined) {
          expect(result.counterexample, `${failing!.title} is a property: its failure carries a counterexample`).toBeDefined();
          expect(result.counterexample!.input.trim()).toBeTruthy();
          expect(result.counterexample!.replay).toContain(`--only ${target}`);
        }

        const onReference = resultOf(reference, target);
        expect(onReference.status, `the reference should pass ${target}:\n${summary([onReference])}`).toBe('pass');
      });

      const sampleName = entry.stillPasses.length > 0 ? entry.stillPasses.join(', ') : `a sample of the other ${areaOf(target)} requirements`;
      it(`${entry.file} still passes ${sampleName}`, async () => {
        // Drawn from the requirements the reference passes (a requirement it fails says nothing about targeting).
        const passedByReference = reference.filter((r) => r.status === 'pass').map((r) => r.id);
        const sample = entry.stillPasses.length > 0 ? entry.stillPasses : sampleOfArea(target, excluded, passedByReference, SAMPLE_SIZE, index);
        expect(sample.length, `no other ${areaOf(target)} requirement has a check that the reference passes`).toBeGreaterThan(0);
        expect(sample.filter((id) => excluded.has(id))).toEqual([]);
        const onReference = sample.map((id) => reference.find((r) => r.id === id) ?? { id, status: 'not run' });
        expect(onReference.filter((r) => r.status !== 'pass'), 'the reference should pass the sample').toEqual([]);

        const adapter = await loadAdapter(entry.path);
        const sampleProfiles = [...new Set(sample.map((id) => requirementOf(id).profile))];
        const report = await runConformance([adapter], options(checks, sample, SAMPLE_RUNS, sampleProfiles));
        const results = sample.map((id) => resultOf(report.adapters[0]!.requirements, id));
        expect(
          results.filter((r) => r.status !== 'pass'),
          `${entry.file} breaks more than ${target} (add to its alsoBreaks only what cannot be avoided):\n${summary(results)}`,
        ).toEqual([]);
      });
    });
  });

  if (hostile.length === 0 && profile !== 'in-process') return;
  describe(`hostile adapters (${profile} profile): the run finishes, every affected check fails with a message`, () => {
    it('there are at least two', () => {
      expect(hostile.length).toBeGreaterThanOrEqual(2);
    });

    for (const entry of hostile) {
      it(`${entry.file} (${entry.hostile})`, async () => {
        expect(entry.affects.length).toBeGreaterThan(0);
        const adapter = await loadAdapter(entry.path);
        const started = performance.now();
        const report = await runConformance([adapter], options(checks, entry.affects, SAMPLE_RUNS, [profile], HOSTILE_TIMEOUT_MS));
        const elapsed = performance.now() - started;
        const results = entry.affects.map((id) => resultOf(report.adapters[0]!.requirements, id));
        for (const result of results) {
          expect(result.status, summary([result])).toBe('fail');
          expect(result.message?.trim()).toBeTruthy();
          expect(result.message).not.toMatch(/no check judges/);
        }
        // Each check costs at most its time limit (plus the runner's own settling).
        const checkCount = checks.filter((check) => entry.affects.includes(check.requirement)).length;
        expect(elapsed).toBeLessThan(checkCount * (HOSTILE_TIMEOUT_MS + 500));
      });
    }
  });
}
