/**
 * What can only be decided once every requirement of an adapter has run:
 *
 * - **Stray errors** (unhandled rejections, uncaught exceptions) are judged
 *   by CLOSE-009 whichever check was running when they surfaced: its rule is
 *   "no unhandled rejection, ever", and the running check's own rule is
 *   something else. CLOSE-009 fails (even when `--only` left it out) and
 *   names where each was seen; the running check shows them as a note.
 * - **Blocked** results name the requirement whose failure kept them from
 *   judging their own rule. When none of those failed in this run (`--only`
 *   left them out, or they passed on other inputs), nothing would fail the
 *   run for the defect: the result becomes a failure of its own, saying so.
 */
import type { Requirement, RequirementId } from '../requirements/types.ts';
import type { RequirementResult, RootCause, StrayError } from '../../reports/conformance/model.ts';
import { gradeVerdict } from '../../reports/conformance/outcome.ts';

/** The requirement that judges stray errors. */
export const STRAY_ERRORS_REQUIREMENT: RequirementId = 'CLOSE-009';

/** The root of every stray-error failure: one defect class, however many checks saw it. */
export const STRAY_ROOT_CAUSE: RootCause = { call: 'the implementation', difference: 'unhandled rejection or uncaught exception' };

/** Returns the results with CLOSE-009 and unresolved blocks settled; unchanged results are the same objects. */
export function settleResults(results: readonly RequirementResult[], registry: readonly Requirement[]): RequirementResult[] {
  const strays = results.flatMap((result) => (result.id === STRAY_ERRORS_REQUIREMENT ? [] : (result.strayErrors ?? [])));
  const failed = new Set(results.filter((result) => result.status === 'fail').map((result) => result.id));
  return results.map((result) => {
    if (result.id === STRAY_ERRORS_REQUIREMENT && strays.length > 0) return withStrays(result, strays, registry);
    if (result.verdict === 'blocked' && !(result.blockedBy ?? []).some((id) => failed.has(id))) return unresolvedBlock(result);
    return result;
  });
}

function withStrays(result: RequirementResult, strays: readonly StrayError[], registry: readonly Requirement[]): RequirementResult {
  if (result.status === 'fail') return result;
  const level = registry.find((entry) => entry.id === result.id)?.level ?? result.level;
  const where = [...new Set(strays.map((stray) => stray.during))].join(', ');
  const first = strays[0]!;
  return {
    ...result,
    status: 'fail',
    verdict: gradeVerdict('fail', level),
    message: `the implementation raised ${strays.length} unhandled rejection(s) / uncaught exception(s) while other checks ran (during ${where}); first, during ${first.during}: ${first.description}`,
    rootCause: STRAY_ROOT_CAUSE,
    strayErrors: [...(result.strayErrors ?? []), ...strays],
  };
}

function unresolvedBlock(result: RequirementResult): RequirementResult {
  const blockers = (result.blockedBy ?? []).join(', ');
  return {
    ...result,
    status: 'fail',
    verdict: gradeVerdict('fail', result.level),
    message: `${result.message ?? 'blocked'} — and ${blockers} did not fail in this run (not selected, or it passed on its own inputs), so this is reported as a failure: run with --only ${result.id},${blockers}`,
  };
}
