/**
 * Expectation files, as in web-platform-tests: a framework that knows it
 * fails some requirements lists them, and `--expect FILE` makes CI gate on
 * unexpected results only (a new failure, or an expected failure that now
 * passes). `--write-expect FILE` records the current verdicts.
 *
 * ```ts
 * const expectations = await readExpectations('streamconform.expect.json');
 * const gated = applyExpectations(report, expectations); // gated.passed, gated.expectationWarnings
 * await writeExpectations('streamconform.expect.json', expectationsFromReport(report));
 * ```
 *
 * @see README "Reading a report" (`--expect`, `--write-expect`)
 */
export { applyExpectations, expectationWarnings, expectationsFromReport } from './apply.ts';
export { ExpectationFileError } from './errors.ts';
export type { ExpectationFileErrorCode } from './errors.ts';
export { parseExpectationFile, parseExpectationText, renderExpectationFile } from './format.ts';
export type { ExpectationFile, ExpectedOutcome } from './format.ts';
export { readExpectations, writeExpectations } from './read.ts';
