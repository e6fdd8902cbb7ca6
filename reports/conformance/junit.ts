/**
 * `junit.xml`: the report for CI test tabs (GitLab, Jenkins, GitHub
 * reporters). One `<testsuite>` per adapter, one `<testcase>` per
 * requirement: `classname` is the area, `name` is `[ID] title`, `time` is in
 * seconds.
 *
 * How graded verdicts map onto JUnit's pass / failure / skipped (JUnit has
 * no "non-strict"; CI marks a build red on any `<failure>`, so only results
 * that fail the run become failures, as pytest's junitxml does for xfail):
 *
 * | result                                              | testcase                                    |
 * | --------------------------------------------------- | ------------------------------------------- |
 * | MUST failed                                         | `<failure type="failed">`                   |
 * | SHOULD failed, `--level should`                     | `<failure type="non-strict">`               |
 * | SHOULD failed, `--level must`                       | passes, with a `<system-out>` NON-STRICT note and the details |
 * | skipped                                             | `<skipped message=…/>`                      |
 * | `--expect`: failure listed in the file              | `<skipped type="expected-fail">` + details in `<system-out>` |
 * | `--expect`: listed as failing but passed, counts at the level | `<failure type="unexpected-pass">` |
 *
 * A failure's body is its details as text: message, shrunk input, bytes
 * sent (CR/LF visible), client view, transcript, replay command.
 *
 * @see DESIGN §2 (graded verdicts, `--expect`)
 */
import { areaOfId } from './matrix.ts';
import type { AdapterReport, ConformanceReport, RequirementResult } from './model.ts';
import { failureText } from './failure-details.ts';
import { countsAtLevel, type RunLevel } from './outcome.ts';
import { xmlAttribute, xmlText } from './xml.ts';

/** How one result is written as a `<testcase>`. */
interface TestcaseOutcome {
  failure?: { type: string; message: string; body: string };
  skipped?: { type?: string; message: string };
  systemOut?: string;
}

const NON_STRICT_NOTE = 'NON-STRICT: this SHOULD failed; it fails the run only at --level should.';

function testcaseOutcome(result: RequirementResult, runLevel: RunLevel): TestcaseOutcome {
  const counts = countsAtLevel(result.level, runLevel);
  const message = result.message ?? '';
  if (result.status === 'skip') return { skipped: { message: message === '' ? 'not run' : message } };
  if (result.status === 'pass') {
    if (result.expectation !== 'unexpected-pass') return {};
    const note = 'UNEXPECTED PASS: the expectation file lists this requirement as failing, but it passed; remove it from the file (or re-record with --write-expect).';
    if (counts) return { failure: { type: 'unexpected-pass', message: note, body: note } };
    return { systemOut: `${note}\nNot counted: a SHOULD counts only at --level should.` };
  }
  const details = failureText(result);
  if (result.expectation === 'expected') {
    return {
      skipped: { type: 'expected-fail', message: `expected failure (listed in the expectation file): ${message}` },
      systemOut: `EXPECTED FAILURE (listed in the expectation file)\n\n${details}`,
    };
  }
  if (!counts) return { systemOut: `${NON_STRICT_NOTE}\n\n${details}` };
  const prefix = result.expectation === 'unexpected-fail' ? 'unexpected failure (not in the expectation file): ' : '';
  return { failure: { type: result.verdict, message: prefix + message, body: details } };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function renderTestcase(result: RequirementResult, outcome: TestcaseOutcome): string {
  const open = `    <testcase classname="${xmlAttribute(areaOfId(result.id))}" name="${xmlAttribute(`[${result.id}] ${result.title}`)}" time="${seconds(result.durationMs)}"`;
  const children: string[] = [];
  if (outcome.failure !== undefined) {
    const { type, message, body } = outcome.failure;
    children.push(`      <failure type="${xmlAttribute(type)}" message="${xmlAttribute(message, true)}">${xmlText(body)}</failure>`);
  }
  if (outcome.skipped !== undefined) {
    const type = outcome.skipped.type === undefined ? '' : ` type="${xmlAttribute(outcome.skipped.type)}"`;
    children.push(`      <skipped${type} message="${xmlAttribute(outcome.skipped.message, true)}"/>`);
  }
  if (outcome.systemOut !== undefined) children.push(`      <system-out>${xmlText(outcome.systemOut)}</system-out>`);
  if (children.length === 0) return `${open}/>`;
  return [`${open}>`, ...children, '    </testcase>'].join('\n');
}

function property(name: string, value: string): string {
  return `      <property name="${xmlAttribute(name)}" value="${xmlAttribute(value)}"/>`;
}

interface SuiteCounts {
  tests: number;
  failures: number;
  skipped: number;
  ms: number;
}

function renderTestsuite(report: ConformanceReport, adapter: AdapterReport): { xml: string; counts: SuiteCounts } {
  const counts: SuiteCounts = { tests: 0, failures: 0, skipped: 0, ms: 0 };
  const cases: string[] = [];
  for (const result of adapter.requirements) {
    const outcome = testcaseOutcome(result, report.level);
    counts.tests++;
    if (outcome.failure !== undefined) counts.failures++;
    if (outcome.skipped !== undefined) counts.skipped++;
    counts.ms += result.durationMs;
    cases.push(renderTestcase(result, outcome));
  }
  const properties = [
    property('adapter.source', adapter.source),
    property('streamconform.version', report.version),
    property('seed', String(report.seed)),
    property('runs', String(report.runs)),
    property('level', report.level),
    property('command', report.command),
  ];
  const xml = [
    `  <testsuite name="${xmlAttribute(adapter.name)}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}" time="${seconds(counts.ms)}" timestamp="${xmlAttribute(report.startedAt)}">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { xml, counts };
}

/**
 * Renders `junit.xml`. Pure and deterministic. The output is well-formed
 * XML 1.0 whatever the strings in the report hold (control characters and
 * lone surrogates are written as visible escapes, never raw).
 */
export function renderJunit(report: ConformanceReport): string {
  const suites = report.adapters.map((adapter) => renderTestsuite(report, adapter));
  const total = suites.reduce(
    (sum, { counts }) => ({ tests: sum.tests + counts.tests, failures: sum.failures + counts.failures, skipped: sum.skipped + counts.skipped }),
    { tests: 0, failures: 0, skipped: 0 },
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttribute(`${report.tool} ${report.version}`)}" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}" time="${seconds(report.durationMs)}" timestamp="${xmlAttribute(report.startedAt)}">`,
    ...suites.map(({ xml }) => xml),
    '</testsuites>',
    '',
  ].join('\n');
}
