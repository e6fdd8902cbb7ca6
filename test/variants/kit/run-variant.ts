/**
 * One run of the MUSTs against one adapter (a variant, or the reference as
 * the control), in this process, and the child process that runs a queue of
 * them for `variant-suite.ts`.
 */
import { loadAdapter } from '../../../conformance/adapter/load.ts';
import { requirements } from '../../../conformance/requirements/index.ts';
import type { Profile, RequirementId } from '../../../conformance/requirements/types.ts';
import { runConformance } from '../../../conformance/runner/run.ts';
import type { RequirementResult } from '../../../reports/conformance/model.ts';

export const SEED = 1;
/** fast-check runs per property: enough to meet each variant's departure many times over. */
export const RUNS = 15;
export const PROFILES: readonly Profile[] = ['in-process', 'wire'];
/** Per-check time limit (the reference's slowest check takes about 2 s). */
const CHECK_TIMEOUT_MS = 15_000;

/** The requirements a variant must pass: every MUST of the profiles run. */
export function mustIds(profiles: readonly Profile[]): RequirementId[] {
  return requirements.filter((r) => r.level === 'MUST' && profiles.includes(r.profile)).map((r) => r.id);
}

export interface VariantRun {
  /** The MUSTs that did not pass (skipped ones aside). */
  failures: RequirementResult[];
  durationMs: number;
}

/** Runs the MUSTs of `profiles` against `spec` (`reference` or a module path). */
export async function runMusts(spec: string, profiles: readonly Profile[] = PROFILES): Promise<VariantRun> {
  const adapter = await loadAdapter(spec);
  const report = await runConformance([adapter], {
    seed: SEED,
    runs: RUNS,
    level: 'must',
    only: mustIds(profiles),
    profiles,
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  const results = report.adapters[0]!.requirements;
  return { failures: results.filter((r) => r.level === 'MUST' && r.status !== 'pass' && r.status !== 'skip'), durationMs: report.durationMs };
}

/** What the parent sends a worker. */
export type WorkerRequest = { type: 'run'; index: number; spec: string; profiles: Profile[] } | { type: 'exit' };
/** What a worker answers, one message per run. */
export type WorkerAnswer = { type: 'result'; index: number; run: VariantRun } | { type: 'error'; index: number; message: string };
