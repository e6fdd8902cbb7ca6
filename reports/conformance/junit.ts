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
 * | harness error (the suite broke, not the implementation) | `<error type="harness-error">` + the suite's stack |
 * | blocked (another requirement failed first)          | `<skipped type="blocked" message="blocked by X: …"/>` |
 * | unimplemented (an optional capability missing)      | `<skipped type="unimplemented" message="capability Y not implemented …"/>` |
 *
 * JUnit's `<error>` is "the test itself could not run properly", which is
 * what a harness error is; CI shows it apart from failures. Stray errors
 * (unhandled rejections seen while a requirement ran, judged by CLOSE-009)
 * are noted in that testcase's `<system-out>`.
 *
 * A failure's body is its details as text: message, shrunk input, bytes
 * sent (CR/LF visible), client view, transcript, replay command.
 *
 * @see README "Reading a report" (graded verdicts, `--expect`)
 */
import { columnOf } from './columns.ts';
import { areaOfId } from './matrix.ts';
import type { AdapterReport, ConformanceReport, RequirementResult } from './model.ts';
import { failureText } from './failure-details.ts';
import { groupOf, HARNESS_ERROR_NOTE, notJudgedReason, strayErrorsNote } from './fix-first.ts';
import { countsAtLevel, type RunLevel } from './outcome.ts';
import { xmlAttribute, xmlText } from './xml.ts';

/** How one result is written as a `<testcase>`. */
interface TestcaseOutcome {
  failure?: { type: string; message: string; body: string };
  error?: { type: string; message: string; body: string };
  skipped?: { type?: string; message: string };
  systemOut?: string;
  /** The result's details (which list its stray errors) are in the failure, error or system-out. */
  detailed?: true;
}

const NON_STRICT_NOTE = 'NON-STRICT: this SHOULD failed; it fails the run only at --level should.';

/** The outcome, with the result's stray errors noted in `<system-out>`. */
function testcaseOutcome(result: RequirementResult, runLevel: RunLevel, adapter: AdapterReport): TestcaseOutcome {
  const { detailed, ...outcome } = judgedOutcome(result, runLevel, adapter);
  const note = strayErrorsNote(result);
  if (note === undefined || detailed) return outcome;
  const strays = (result.strayErrors ?? []).map((stray) => `  during ${stray.during}: ${stray.description}`).join('\n');
  const stray = `STRAY ERRORS: ${note}.\n${strays}`;
  return { ...outcome, systemOut: outcome.systemOut === undefined ? stray : `${outcome.systemOut}\n\n${stray}` };
}

function judgedOutcome(result: RequirementResult, runLevel: RunLevel, adapter: AdapterReport): TestcaseOutcome {
  const counts = countsAtLevel(result.level, runLevel);
  const message = result.message ?? '';
  if (result.verdict === 'harness-error') {
    const body = failureText(result);
    return { error: { type: 'harness-error', message: message === '' ? HARNESS_ERROR_NOTE : message, body }, detailed: true };
  }
  if (result.verdict === 'blocked' || result.verdict === 'unimplemented') {
    const reason = notJudgedReason(result)!;
    return { skipped: { type: result.verdict, message: message === '' ? reason : `${reason}: ${message}` } };
  }
  if (result.status === 'skip') return { skipped: { message: message === '' ? 'not run' : message } };
  if (result.status === 'pass') {
    if (result.expectation !== 'unexpected-pass') return {};
    const note = 'UNEXPECTED PASS: the expectation file lists this requirement as failing, but it passed; remove it from the file (or re-record with --write-expect).';
    if (counts) return { failure: { type: 'unexpected-pass', message: note, body: note } };
    return { systemOut: `${note}\nNot counted: a SHOULD counts only at --level should.` };
  }
  const details = failureText(result, groupOf(adapter, result));
  if (result.expectation === 'expected') {
    return {
      skipped: { type: 'expected-fail', message: `expected failure (listed in the expectation file): ${message}` },
      systemOut: `EXPECTED FAILURE (listed in the expectation file)\n\n${details}`,
      detailed: true,
    };
  }
  if (!counts) return { systemOut: `${NON_STRICT_NOTE}\n\n${details}`, detailed: true };
  const prefix = result.expectation === 'unexpected-fail' ? 'unexpected failure (not in the expectation file): ' : '';
  return { failure: { type: result.verdict, message: prefix + message, body: details }, detailed: true };
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
  if (outcome.error !== undefined) {
    const { type, message, body } = outcome.error;
    children.push(`      <error type="${xmlAttribute(type)}" message="${xmlAttribute(message, true)}">${xmlText(body)}</error>`);
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
  errors: number;
  skipped: number;
  ms: number;
}

function renderTestsuite(report: ConformanceReport, adapter: AdapterReport): { xml: string; counts: SuiteCounts } {
  const counts: SuiteCounts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  const cases: string[] = [];
  for (const result of adapter.requirements) {
    const outcome = testcaseOutcome(result, report.level, adapter);
    counts.tests++;
    if (outcome.failure !== undefined) counts.failures++;
    if (outcome.error !== undefined) counts.errors++;
    if (outcome.skipped !== undefined) counts.skipped++;
    counts.ms += result.durationMs;
    cases.push(renderTestcase(result, outcome));
  }
  const properties = [
    property('adapter.source', adapter.source),
    ...(adapter.runtime ? [property('runtime', `${adapter.runtime.name} ${adapter.runtime.version}`)] : []),
    property('streamconform.version', report.version),
    property('seed', String(report.seed)),
    property('runs', String(report.runs)),
    property('level', report.level),
    property('command', report.command),
  ];
  const xml = [
    `  <testsuite name="${xmlAttribute(columnOf(adapter))}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${seconds(counts.ms)}" timestamp="${xmlAttribute(report.startedAt)}">`,
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
    (sum, { counts }) => ({
      tests: sum.tests + counts.tests,
      failures: sum.failures + counts.failures,
      errors: sum.errors + counts.errors,
      skipped: sum.skipped + counts.skipped,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttribute(`${report.tool} ${report.version}`)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${seconds(report.durationMs)}" timestamp="${xmlAttribute(report.startedAt)}">`,
    ...suites.map(({ xml }) => xml),
    '</testsuites>',
    '',
  ].join('\n');
}
