/**
 * The tests every in-process area file registers: its checks cover the
 * area's requirements, each passes on the reference, and each in-test
 * mutant of the reference fails at least one check of its requirement with
 * a shrunk input. Call inside a `describe`.
 */
import { expect, it } from 'vitest';
import type { Check } from '../../conformance/runner/check.ts';
import type { ResolvedAdapter } from '../../conformance/adapter/under-test.ts';
import { checksOf, failureOf, mutantAdapter, type Mutation } from './reference-mutant.ts';

export function itJudgesArea(
  area: string,
  requirementCount: number,
  checks: readonly Check[],
  reference: ResolvedAdapter,
  mutants: Record<string, Array<[string, Mutation]>>,
): void {
  const last = String(requirementCount).padStart(3, '0');
  it(`cover ${area}-001..${last}`, () => {
    const covered = new Set(checks.map((check) => check.requirement));
    for (let n = 1; n <= requirementCount; n++) expect(covered).toContain(`${area}-${String(n).padStart(3, '0')}`);
  });

  for (const check of checks) {
    it(`[${check.requirement}] ${check.title}: passes on the reference`, async () => {
      const failure = await failureOf(check, reference);
      expect(failure?.message, JSON.stringify(failure?.counterexample)).toBeUndefined();
    });
  }

  for (const [requirement, list] of Object.entries(mutants)) {
    for (const [name, mutation] of list) {
      it(`[${requirement}] fails on a reference with ${name}`, async () => {
        const adapter = await mutantAdapter(name, mutation);
        const failures = await Promise.all(checksOf(checks, requirement).map((check) => failureOf(check, adapter)));
        const failure = failures.find((found) => found !== undefined);
        expect(failure, `no ${requirement} check failed`).toBeDefined();
        if (process.env.SHOW_MUTANT_FAILURES) console.log(`[${requirement}] ${name}: ${failure!.message}`);
        expect(failure!.counterexample?.input).toBeTruthy();
      });
    }
  }
}
