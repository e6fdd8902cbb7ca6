/**
 * Applying an expectation file to a report (`--expect`), and recording one
 * from a report (`--write-expect`).
 *
 * @see README "Reading a report" (`--expect`: CI gates on unexpected results only)
 */
import { columnOf } from '../../reports/conformance/columns.ts';
import type { ConformanceReport, Expectation, RequirementResult } from '../../reports/conformance/model.ts';
import { reportPasses } from '../../reports/conformance/outcome.ts';
import { visible } from '../../reports/conformance/text.ts';
import { setOwn, type ExpectationFile } from './format.ts';

const REQUIREMENT_ID = /^(SSE|CHUNK|HDR|STREAM|GEN|CLOSE|WIRE|BROWSER)-[0-9]{3,}$/;

function quoted(text: string): string {
  return visible(JSON.stringify(text));
}

/**
 * What in the expectation file does not match the report: adapters the run
 * did not have, ids that are not requirement ids, or requirements the run
 * did not report. Warnings, not errors: a file written for a larger run
 * (or an older suite) still gates this one.
 */
export function expectationWarnings(report: Pick<ConformanceReport, 'adapters'>, expectations: ExpectationFile): string[] {
  const warnings: string[] = [];
  const adapterNames = report.adapters.map((adapter) => columnOf(adapter));
  for (const [adapterName, byId] of Object.entries(expectations.expectations)) {
    const adapter = report.adapters.find((candidate) => columnOf(candidate) === adapterName);
    if (adapter === undefined) {
      warnings.push(`expectations[${quoted(adapterName)}]: no adapter of that name in this run (adapters: ${adapterNames.map(quoted).join(', ')})`);
      continue;
    }
    const reported = new Set<string>(adapter.requirements.map((result) => result.id));
    for (const id of Object.keys(byId)) {
      const at = `expectations[${quoted(adapterName)}][${quoted(id)}]`;
      if (!REQUIREMENT_ID.test(id)) warnings.push(`${at}: not a requirement id (AREA-NNN, e.g. "SSE-004"); ignored`);
      else if (!reported.has(id)) warnings.push(`${at}: unknown requirement (not in this run); ignored`);
    }
  }
  return warnings;
}

function judge(result: RequirementResult, listedAsFail: boolean): Expectation {
  if (result.status === 'fail') return listedAsFail ? 'expected' : 'unexpected-fail';
  if (result.status === 'pass') return listedAsFail ? 'unexpected-pass' : 'expected';
  return 'expected';
}

/**
 * Returns a copy of `report` with `expectation` set on every result:
 * - a failure listed in the file: `expected`; not listed: `unexpected-fail`;
 * - a pass listed as `fail`: `unexpected-pass`; not listed: `expected`;
 * - a skipped requirement: `expected` (nothing was judged).
 *
 * `passed` is recomputed: the run passes iff no result is unexpected at the
 * run's level (a SHOULD counts only at `--level should`).
 * `expectationWarnings` lists what in the file matched nothing
 * ({@link expectationWarnings}); the report is never rejected for it.
 */
export function applyExpectations(report: ConformanceReport, expectations: ExpectationFile): ConformanceReport {
  const adapters = report.adapters.map((adapter) => {
    const listed = Object.hasOwn(expectations.expectations, columnOf(adapter)) ? expectations.expectations[columnOf(adapter)] : undefined;
    return {
      ...adapter,
      requirements: adapter.requirements.map((result) => ({
        ...result,
        expectation: judge(result, listed !== undefined && Object.hasOwn(listed, result.id) && listed[result.id] === 'fail'),
      })),
    };
  });
  const judged: ConformanceReport = { ...report, adapters, expectationWarnings: expectationWarnings(report, expectations) };
  return { ...judged, passed: reportPasses(judged) };
}

/**
 * The expectation file that records a report's current verdicts (for
 * `--write-expect`): every failed requirement (MUST and SHOULD, so the file
 * also serves `--level should`), per adapter, in report order. Adapters
 * with no failure are listed with `{}`.
 */
export function expectationsFromReport(report: Pick<ConformanceReport, 'adapters'>): ExpectationFile {
  const expectations: ExpectationFile['expectations'] = {};
  for (const adapter of report.adapters) {
    const failed: Record<string, 'fail'> = {};
    for (const result of adapter.requirements) if (result.status === 'fail') failed[result.id] = 'fail';
    setOwn(expectations, columnOf(adapter), failed);
  }
  return { tool: 'streamconform', expectations };
}
