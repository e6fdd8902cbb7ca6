/**
 * One run of the MUSTs against one adapter (a variant, or the reference as
 * the control), in this process, and the child process that runs a queue of
 * them for `variant-suite.ts`.
 */
import { loadAdapter } from '../../../conformance/adapter/load.ts';
import { requirements } from '../../../conformance/requirements/index.ts';
import { areaOf } from '../../../conformance/requirements/define.ts';
import type { Area, Profile, RequirementId } from '../../../conformance/requirements/types.ts';
import { runConformance } from '../../../conformance/suite/run-suite.ts';
import type { RequirementResult } from '../../../reports/conformance/model.ts';

export const SEED = 1;
/** fast-check runs per property: enough to meet each variant's departure many times over. */
export const RUNS = 15;
export const PROFILES: readonly Profile[] = ['in-process', 'wire'];
/** Per-check time limit (the reference's slowest check takes about 2 s). */
const CHECK_TIMEOUT_MS = 15_000;

/** The requirements a variant must pass: every MUST of the profiles run. */
export function mustIds(profiles: readonly Profile[], areas?: readonly Area[]): RequirementId[] {
  return requirements.filter((r) => r.level === 'MUST' && profiles.includes(r.profile) && (areas === undefined || areas.includes(areaOf(r.id)))).map((r) => r.id);
}

export interface VariantRun {
  /** The MUSTs that did not pass (skipped ones aside). */
  failures: RequirementResult[];
  durationMs: number;
}

/** Runs the MUSTs of `profiles` against `spec` (`reference` or a module path). */
export async function runMusts(spec: string, profiles: readonly Profile[] = PROFILES, areas?: readonly Area[]): Promise<VariantRun> {
  const adapter = await loadAdapter(spec);
  const report = await runConformance([adapter], {
    seed: SEED,
    runs: RUNS,
    level: 'must',
    only: mustIds(profiles, areas),
    profiles,
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  const results = report.adapters[0]!.requirements;
  // Blocked and unimplemented are not failures; a harness error is (the suite broke on a conforming implementation).
  return { failures: results.filter((r) => r.level === 'MUST' && (r.status === 'fail' || r.verdict === 'harness-error')), durationMs: report.durationMs };
}

/** What the parent sends a worker. */
export type WorkerRequest = { type: 'run'; index: number; spec: string; profiles: Profile[]; areas?: Area[] } | { type: 'exit' };
/** What a worker answers, one message per run. */
export type WorkerAnswer = { type: 'result'; index: number; run: VariantRun } | { type: 'error'; index: number; message: string };
