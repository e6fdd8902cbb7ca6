/**
 * The suite's proof of strength (spec §2a), for the adapters of one run
 * profile. Every deliberately broken adapter in `test/broken/adapters/` is
 * run over every requirement of its area in that profile (level should, a
 * fixed seed), once, and:
 *
 * - it fails the requirement it breaks — with a message, and a
 *   counterexample when the failing check is a property — while the
 *   reference passes that requirement under the same settings;
 * - the requirements it fails are exactly the one it breaks and those its
 *   `alsoBreaks` declares (each with the reason its defect breaks that rule
 *   too), apart from the known precision bugs of `imprecise-checks.ts`; a
 *   requirement blocked by another is fine only when blocked by one of
 *   these; a harness error, an unimplemented capability or a skipped
 *   requirement never is (its breakage is targeted, and the suite can tell).
 *
 * Hostile adapters (a handler that never returns, a createStream that always
 * throws) cost each check its time limit or a failure with a message, never
 * a hung run.
 *
 * Adapters are found by globbing the folder: drop a file there (`export
 * default defineAdapter(...)` plus `export const breaks = 'AREA-NNN'`) and it
 * is tested by the test file of its requirement's profile
 * (`broken-adapters*.test.ts`, one per profile, so vitest runs them in
 * parallel); `coverage.test.ts` checks that every requirement has one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import type { Check } from '../../conformance/runner/check.ts';
import { type SuiteOptions } from '../../conformance/runner/options.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';
import { areaOf } from '../../conformance/requirements/define.ts';
import type { Profile, RequirementId } from '../../conformance/requirements/types.ts';
import type { RequirementResult } from '../../reports/conformance/model.ts';
import { IMPRECISE_CHECKS } from './imprecise-checks.ts';
import { adapterProfile, brokenAdapterFiles, checkProfile, loadChecks, observeProperties, requirementOf, requirementsOfAreaIn, type BrokenAdapterFile } from './suite.ts';

const SEED = 1;
/**
 * fast-check runs per property in an adapter's run over its area (and the
 * reference's): enough for each adapter to fail its own requirement, and
 * few enough that the in-process file takes about a minute on two cores.
 */
const RUNS = 30;
/** Per-check time limit: a check that hangs on a broken adapter costs this, not the run. */
const CHECK_TIMEOUT_MS = 5_000;
/** Per-check time limit for hostile adapters (they hang on purpose). */
const HOSTILE_TIMEOUT_MS = 1_500;
/** Hostile adapters are run with fewer runs (each hanging run costs the time limit anyway). */
const HOSTILE_RUNS = 10;
/** vitest's limit for a test that runs an adapter over its whole area. */
const AREA_RUN_TEST_MS = 180_000;

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
  return results
    .map((r) => `${r.id} ${r.verdict}${r.blockedBy ? ` (blocked by ${r.blockedBy.join(', ')})` : ''}${r.message ? `: ${r.message.slice(0, 300)}` : ''}`)
    .join('\n');
}

/** Sorted, without duplicates. */
function idSet(ids: Iterable<RequirementId>): RequirementId[] {
  return [...new Set(ids)].sort();
}

/**
 * What an adapter's run over its area may end with: the requirements that
 * fail (`breaks`, `alsoBreaks`, and its known check precision bugs), and
 * those a result may be blocked by.
 */
function allowedOutcome(entry: BrokenAdapterFile): { failing: RequirementId[]; blockers: Set<RequirementId> } {
  const declared = [entry.breaks!, ...entry.alsoBreaks.map((also) => also.id)];
  const imprecise = IMPRECISE_CHECKS.filter((bug) => bug.adapter === entry.file).map((bug) => bug.requirement);
  return { failing: idSet([...declared, ...imprecise]), blockers: new Set(declared) };
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
  /**
   * The profiles an adapter is run in: this one, and its requirement's own
   * when that is another (`gen-drains-eagerly-wire.ts` breaks GEN-004 over a
   * socket, and is run over the in-process GEN requirements as well).
   */
  const profilesOf = (entry: BrokenAdapterFile): Profile[] => [...new Set([profile, requirementOf(entry.breaks!).profile])];
  /** The requirements each adapter is run over: those of its area with a check in one of its profiles. */
  const areaOfEntry = (entry: BrokenAdapterFile): RequirementId[] =>
    idSet(profilesOf(entry).flatMap((runProfile) => requirementsOfAreaIn(checks, areaOf(entry.breaks!), runProfile)));
  const allAreaRequirements = idSet(targeted.flatMap(areaOfEntry));
  const allProfiles = [...new Set(targeted.flatMap(profilesOf))];

  /** Each adapter's run over its area, made once (by whichever of its tests comes first). */
  const areaRuns = new Map<string, Promise<RequirementResult[]>>();
  const areaRun = (entry: BrokenAdapterFile): Promise<RequirementResult[]> => {
    let run = areaRuns.get(entry.file);
    if (!run) {
      run = loadAdapter(entry.path)
        .then((adapter) => runConformance([adapter], options(checks, areaOfEntry(entry), RUNS, profilesOf(entry))))
        .then((report) => report.adapters[0]!.requirements);
      areaRuns.set(entry.file, run);
    }
    return run;
  };

  let reference: RequirementResult[] = [];

  beforeAll(async () => {
    if (targeted.length === 0) return;
    const adapter = await loadAdapter('reference');
    const report = await runConformance([adapter], options(checks, allAreaRequirements, RUNS, allProfiles));
    reference = report.adapters[0]!.requirements;
  }, AREA_RUN_TEST_MS);

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

    it(`the reference passes every requirement of their areas (${allAreaRequirements.length}, at ${RUNS} runs, seed ${SEED})`, () => {
      expect(idSet(reference.filter((r) => allAreaRequirements.includes(r.id)).map((r) => r.id))).toEqual(allAreaRequirements);
      const notPassed = reference.filter((r) => r.status !== 'pass' && (allAreaRequirements.includes(r.id) || r.status === 'fail'));
      expect(notPassed, summary(notPassed)).toEqual([]);
    });

    for (const entry of targeted) {
      const target = entry.breaks!;
      const area = areaOf(target);

      it(`${entry.file} fails ${target}; the reference passes it`, async () => {
        const judging = checks.filter((check) => check.requirement === target && checkProfile(check) === profile);
        expect(judging.length, `no ${profile} check judges ${target} yet (has conformance/properties/${area.toLowerCase()}.ts landed?)`).toBeGreaterThan(0);

        const result = resultOf(await areaRun(entry), target);
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
      }, AREA_RUN_TEST_MS);

      const also = entry.alsoBreaks.map((item) => item.id);
      const declared = also.length === 0 ? `nothing else of ${area}` : `of the rest of ${area} exactly ${also.join(', ')}`;
      it(`${entry.file} fails ${declared} (its whole area, ${profilesOf(entry).join(' and ')})`, async () => {
        expect(entry.declarationProblems, `${entry.file}: how it declares alsoBreaks`).toEqual([]);
        for (const { id, why } of entry.alsoBreaks) {
          expect(id, `${entry.file}: alsoBreaks names ${target}, which it breaks anyway`).not.toBe(target);
          expect(why.trim().length, `${entry.file}: alsoBreaks["${id}"] must say why the defect breaks that rule too (20 characters at least)`).toBeGreaterThanOrEqual(20);
        }

        const results = await areaRun(entry);
        const ids = areaOfEntry(entry);
        expect(idSet(results.filter((r) => ids.includes(r.id)).map((r) => r.id)), 'every requirement of the area was run').toEqual(ids);
        const { failing, blockers } = allowedOutcome(entry);

        const notJudged = results.filter((r) => ids.includes(r.id) && (r.verdict === 'harness-error' || r.verdict === 'unimplemented' || r.verdict === 'skipped'));
        expect(notJudged, `${entry.file}: every requirement of ${area} is judged (no harness error, no capability missing, none skipped):\n${summary(notJudged)}`).toEqual([]);

        const badlyBlocked = results.filter((r) => r.verdict === 'blocked' && !(r.blockedBy ?? []).every((id) => blockers.has(id)));
        expect(badlyBlocked, `${entry.file}: a result may be blocked only by ${[...blockers].join(', ')}:\n${summary(badlyBlocked)}`).toEqual([]);

        const failed = idSet(results.filter((r) => r.status === 'fail').map((r) => r.id));
        const unexpected = results.filter((r) => r.status === 'fail' && !failing.includes(r.id));
        const passing = failing.filter((id) => !failed.includes(id));
        expect(
          failed,
          [
            `${entry.file} should fail exactly ${failing.join(', ')} of ${area} (breaks, alsoBreaks and known check precision bugs).`,
            ...(unexpected.length > 0
              ? [
                  'It also fails the following. If its defect truly breaks such a rule, declare it in alsoBreaks with the reason; if the rule holds,',
                  'that check judges more than its rule (a precision bug): report it, and list it in imprecise-checks.ts until it is fixed.',
                  summary(unexpected),
                ]
              : []),
            ...(passing.length > 0 ? [`It passes ${passing.join(', ')}: take them out of alsoBreaks / imprecise-checks.ts.`] : []),
          ].join('\n'),
        ).toEqual(failing);
      }, AREA_RUN_TEST_MS);
    }
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
        const report = await runConformance([adapter], options(checks, entry.affects, HOSTILE_RUNS, [profile], HOSTILE_TIMEOUT_MS));
        const elapsed = performance.now() - started;
        const results = entry.affects.map((id) => resultOf(report.adapters[0]!.requirements, id));
        for (const result of results) {
          expect(result.status, summary([result])).toBe('fail');
          expect(result.message?.trim()).toBeTruthy();
          expect(result.message).not.toMatch(/no check judges/);
        }
        // Each check costs at most its time limit (plus the runner's own settling).
        const checkCount = checks.filter((check) => entry.affects.includes(check.requirement) && checkProfile(check) === profile).length;
        expect(elapsed).toBeLessThan(checkCount * (HOSTILE_TIMEOUT_MS + 500));
      });
    }
  });
}
