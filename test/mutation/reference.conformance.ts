/**
 * The conformance suite on the reference implementation, in process (so that
 * Stryker's per-test coverage sees which checks reach each mutant), with a
 * fixed seed: the same inputs for every mutant, so that a mutant survives or
 * dies for what it changes, not for what fast-check happened to draw.
 * Level `should`: a SHOULD the mutant breaks fails its test too.
 *
 * Profiles in-process and wire (the bridge in reference/node/ is reached only
 * over sockets); not browser (Chromium per mutant costs seconds and adds no
 * code of reference/ that the other two miss; see docs/mutation.md).
 */
import { describeConformance } from '../../conformance/vitest.ts';
import reference from '../../conformance/adapter/reference-adapter.ts';

export const MUTATION_SEED = 20261203;
export const MUTATION_RUNS = 100;

describeConformance(reference, {
  seed: MUTATION_SEED,
  runs: Number(process.env.STREAMCONFORM_MUTATION_RUNS ?? MUTATION_RUNS),
  level: 'should',
  profiles: ['in-process', 'wire'],
  timeoutMs: 10_000,
});
