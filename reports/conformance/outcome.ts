/**
 * How a result counts toward the run's verdict (DESIGN §2): graded as in
 * Autobahn|Testsuite, with `--level` and `--expect` applied. Every renderer
 * and `applyExpectations` use these, so they agree on what "failed" means.
 */
import type { Level } from '../../conformance/requirements/types.ts';
import type { ConformanceReport, RequirementResult, Verdict } from './model.ts';

/** The run's `--level`. */
export type RunLevel = ConformanceReport['level'];

/**
 * Does a requirement of this level count at the run's level? MUSTs always
 * do; SHOULDs only at `--level should` (a failed SHOULD is "non-strict").
 */
export function countsAtLevel(level: Level, runLevel: RunLevel): boolean {
  return level === 'MUST' || runLevel === 'should';
}

/**
 * Does this result fail the run? Without `--expect`: a failure that counts
 * at the run's level. With `--expect` (the result carries `expectation`):
 * an *unexpected* result (a new failure, or an expected failure that now
 * passes) that counts at the run's level.
 */
export function isBlocking(result: RequirementResult, runLevel: RunLevel): boolean {
  if (!countsAtLevel(result.level, runLevel)) return false;
  if (result.expectation !== undefined) return result.expectation !== 'expected';
  return result.status === 'fail';
}

/** The run's verdict recomputed from its results: no result is {@link isBlocking}. */
export function reportPasses(report: Pick<ConformanceReport, 'level' | 'adapters'>): boolean {
  return report.adapters.every((adapter) => adapter.requirements.every((result) => !isBlocking(result, report.level)));
}

/** Counts of a set of results, by graded verdict and by expectation. */
export interface Tally {
  total: number;
  ok: number;
  failed: number;
  nonStrict: number;
  skipped: number;
  /** Results whose expectation is `unexpected-fail` or `unexpected-pass`. */
  unexpected: number;
  /** Failures listed in the expectation file (`expected` with status `fail`). */
  expectedFailures: number;
  /** Results that fail the run ({@link isBlocking}). */
  blocking: number;
}

const VERDICT_FIELD: Record<Verdict, 'ok' | 'failed' | 'nonStrict' | 'skipped'> = {
  ok: 'ok',
  failed: 'failed',
  'non-strict': 'nonStrict',
  skipped: 'skipped',
};

/** Tallies `results` at the run's level. */
export function tally(results: readonly RequirementResult[], runLevel: RunLevel): Tally {
  const counts: Tally = { total: 0, ok: 0, failed: 0, nonStrict: 0, skipped: 0, unexpected: 0, expectedFailures: 0, blocking: 0 };
  for (const result of results) {
    counts.total++;
    counts[VERDICT_FIELD[result.verdict]]++;
    if (result.expectation === 'unexpected-fail' || result.expectation === 'unexpected-pass') counts.unexpected++;
    if (result.expectation === 'expected' && result.status === 'fail') counts.expectedFailures++;
    if (isBlocking(result, runLevel)) counts.blocking++;
  }
  return counts;
}

/** Did the report use `--expect` (any result carries an expectation)? */
export function usesExpectations(report: Pick<ConformanceReport, 'adapters'>): boolean {
  return report.adapters.some((adapter) => adapter.requirements.some((result) => result.expectation !== undefined));
}

/** Upper-case label of a verdict, as Autobahn prints it. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  ok: 'OK',
  failed: 'FAILED',
  'non-strict': 'NON-STRICT',
  skipped: 'SKIPPED',
};
