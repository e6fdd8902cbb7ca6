/**
 * "Fix these first": an adapter's failures grouped by shared root
 * ({@link AdapterReport.rootCauses}), with the blocked results each root
 * holds up, and how every renderer words a root and a verdict's reason.
 * Renderers only choose the markup.
 */
import type { RequirementId } from './model.ts';
import type { AdapterReport, RequirementResult, RootCause, RootCauseGroup, Verdict } from './model.ts';
import { UNKNOWN_CALL } from './outcome.ts';

/** One root to fix, with what fixing it may unblock. */
export interface FixFirstEntry extends RootCauseGroup {
  /** Blocked results of the same adapter whose blocker is one of `requirements`, in report order. */
  blocks: RequirementId[];
}

/** The adapter's roots in {@link AdapterReport.rootCauses} order, each with the results it blocks. */
export function fixFirst(adapter: Pick<AdapterReport, 'requirements' | 'rootCauses'>): FixFirstEntry[] {
  return adapter.rootCauses.map((group) => {
    const explained = new Set<string>(group.requirements);
    const blocks = adapter.requirements
      .filter((result) => result.verdict === 'blocked' && (result.blockedBy ?? []).some((id) => explained.has(id)))
      .map((result) => result.id);
    return { ...group, blocks };
  });
}

/** A root in one line: `writeSSE: data line without the space` (the call left out when the difference already names it, or none is known). */
export function rootCauseText(cause: RootCause): string {
  if (cause.call === UNKNOWN_CALL || cause.call === '' || cause.difference.startsWith(`${cause.call}(`)) return cause.difference;
  return `${cause.call}: ${cause.difference}`;
}

/** Is this verdict a failure of the implementation (failed or non-strict)? */
export function isFailureVerdict(verdict: Verdict): boolean {
  return verdict === 'failed' || verdict === 'non-strict';
}

/** Verdicts that were not judged for a reason worth reading (they get a details block, like failures). */
export function isNotJudgedVerdict(verdict: Verdict): boolean {
  return verdict === 'blocked' || verdict === 'harness-error' || verdict === 'unimplemented';
}

/**
 * The order reports list results in: failures (failed, then non-strict),
 * then results not judged for a reason (blocked, harness error,
 * unimplemented), then ok, then skipped.
 */
export const VERDICT_RANK: Record<Verdict, number> = {
  failed: 0,
  'non-strict': 1,
  blocked: 2,
  'harness-error': 3,
  unimplemented: 4,
  ok: 5,
  skipped: 6,
};

/** Why a result was not judged, in a few words: `blocked by SSE-006`, `capability writeComment not implemented`, `harness error`. */
export function notJudgedReason(result: RequirementResult): string | undefined {
  switch (result.verdict) {
    case 'blocked':
      return `blocked by ${(result.blockedBy ?? []).join(', ') || 'another requirement'}`;
    case 'unimplemented':
      return `capability ${result.capability ?? '(unnamed)'} not implemented (optional)`;
    case 'harness-error':
      return 'harness error: streamconform itself broke (not a verdict on the implementation)';
    default:
      return undefined;
  }
}

/** The first line of a stack that names a location (`at fn (file:line:col)`), if any. */
export function firstStackFrame(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('at '));
}

/** What a harness error's reader should do, in one line. */
export const HARNESS_ERROR_NOTE = 'This is a bug in streamconform, not in the implementation: please report it with the run\'s command and seed.';

/** The requirement that judges stray errors (see `StrayError`). */
const STRAY_JUDGE = 'CLOSE-009';

/**
 * What a result's stray errors come to, in one line: those seen while its
 * own checks ran (judged by CLOSE-009, not by it), and, on CLOSE-009's
 * result, those seen elsewhere that it judges.
 */
export function strayErrorsNote(result: RequirementResult): string | undefined {
  const strays = result.strayErrors ?? [];
  if (strays.length === 0) return undefined;
  const plural = (count: number): string => `${count} stray error${count === 1 ? '' : 's'}`;
  const own = strays.filter((stray) => stray.during === result.id).length;
  const elsewhere = [...new Set(strays.filter((stray) => stray.during !== result.id).map((stray) => stray.during))];
  const parts: string[] = [];
  if (own > 0) {
    const judge = result.id === STRAY_JUDGE ? 'judged here' : `judged by ${STRAY_JUDGE}`;
    parts.push(`${plural(own)} (unhandled rejection / uncaught exception) seen while this ran: ${judge}`);
  }
  if (elsewhere.length > 0) parts.push(`judges ${plural(strays.length - own)} seen while other checks ran (${elsewhere.join(', ')})`);
  return parts.join('; ');
}

/** The root-cause group a failed result belongs to, if any. */
export function groupOf(adapter: Pick<AdapterReport, 'rootCauses'>, result: RequirementResult): RootCauseGroup | undefined {
  if (result.status !== 'fail') return undefined;
  return adapter.rootCauses.find((group) => group.requirements.includes(result.id));
}
