/**
 * The conformance suite alone against the reference, in this process (no
 * isolation child: a child the parent stops with SIGKILL writes no V8
 * coverage), so that `c8` sees every line of `reference/` the suite reaches.
 * `npm run coverage` runs it under c8 (see .c8rc.json).
 *
 *   node test/coverage/run-conformance.ts [--seed N] [--runs N] [--no-browser]
 *
 * Loaded by Node's own type stripping, not tsx: stripping keeps every
 * position, so V8's ranges are the source's. Through tsx's source maps c8
 * marked the bodies of functions that never ran as covered (decoders.ts
 * showed 79 % of lines with none of its functions called).
 *
 * Exits 1 unless the reference passes at level should: coverage of a run that
 * failed would measure the wrong thing.
 */
import { parseArgs } from 'node:util';
import { loadAdapter, REFERENCE_ADAPTER } from '../../conformance/adapter/load.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';
import { writeConformanceReports } from '../../reports/conformance/index.ts';
import type { Profile } from '../../conformance/requirements/types.ts';

/** Fixed so that two coverage runs measure the same inputs. */
export const COVERAGE_SEED = 20261203;
export const COVERAGE_RUNS = 200;

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string' },
    'no-browser': { type: 'boolean' },
    'report-dir': { type: 'string' },
  },
});
const seed = values.seed === undefined ? COVERAGE_SEED : Number(values.seed);
const runs = values.runs === undefined ? COVERAGE_RUNS : Number(values.runs);
const profiles: Profile[] = ['in-process', 'wire'];
if (!values['no-browser']) profiles.push('browser');

const adapter = await loadAdapter(REFERENCE_ADAPTER);
const started = performance.now();
const report = await runConformance([adapter], { seed, runs, level: 'should', profiles, isolate: false });
const dir = values['report-dir'] ?? 'reports/out/coverage/conformance';
await writeConformanceReports(report, dir);
const adapterReport = report.adapters[0]!;
const tally = adapterReport.summary;
process.stdout.write(
  `conformance suite on the reference: seed ${seed}, ${runs} runs, profiles ${profiles.join(', ')}: ` +
    `${tally.pass} passed, ${tally.fail} failed, ${tally.skip} skipped, ${tally.blocked + tally.unimplemented + tally.harnessError} other in ${((performance.now() - started) / 1000).toFixed(1)} s (${report.passed ? 'PASS' : 'FAIL'}; reports in ${dir})\n`,
);
for (const result of adapterReport.requirements) {
  if (result.status !== 'pass') process.stdout.write(`  ${result.id} ${result.status}: ${result.message ?? ''}\n`);
}
process.exitCode = report.passed && tally.fail + tally.blocked + tally.unimplemented + tally.harnessError === 0 ? 0 : 1;
