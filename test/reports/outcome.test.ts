/** Graded verdicts at a level, with and without --expect. */
import { describe, expect, it } from 'vitest';
import { countsAtLevel, isBlocking, reportPasses, tally } from '../../reports/conformance/outcome.ts';
import { allPassReport, expectReport, mixedReport, result } from './fixtures.ts';

describe('countsAtLevel / isBlocking', () => {
  it('a MUST always counts; a SHOULD only at --level should', () => {
    expect([countsAtLevel('MUST', 'must'), countsAtLevel('MUST', 'should'), countsAtLevel('SHOULD', 'must'), countsAtLevel('SHOULD', 'should')]).toEqual([true, true, false, true]);
  });

  it('without --expect, a failure that counts blocks', () => {
    const mustFail = result('SSE-005', 'MUST', 't', 'fail');
    const shouldFail = result('SSE-003', 'SHOULD', 't', 'fail');
    expect(isBlocking(mustFail, 'must')).toBe(true);
    expect(isBlocking(shouldFail, 'must')).toBe(false);
    expect(isBlocking(shouldFail, 'should')).toBe(true);
    expect(isBlocking(result('SSE-001', 'MUST', 't', 'pass'), 'should')).toBe(false);
    expect(isBlocking(result('SSE-001', 'MUST', 't', 'skip'), 'should')).toBe(false);
  });

  it('with --expect, only unexpected results that count block', () => {
    expect(isBlocking({ ...result('SSE-005', 'MUST', 't', 'fail'), expectation: 'expected' }, 'must')).toBe(false);
    expect(isBlocking({ ...result('SSE-001', 'MUST', 't', 'pass'), expectation: 'unexpected-pass' }, 'must')).toBe(true);
    expect(isBlocking({ ...result('SSE-003', 'SHOULD', 't', 'fail'), expectation: 'unexpected-fail' }, 'must')).toBe(false);
    expect(isBlocking({ ...result('SSE-003', 'SHOULD', 't', 'fail'), expectation: 'unexpected-fail' }, 'should')).toBe(true);
  });
});

describe('reportPasses / tally', () => {
  it('agrees with the fixtures', () => {
    expect(reportPasses(allPassReport())).toBe(true);
    expect(reportPasses(mixedReport())).toBe(false);
    expect(reportPasses(expectReport())).toBe(false);
  });

  it('counts verdicts, unexpected, expected failures and blocking results', () => {
    const report = expectReport();
    expect(tally(report.adapters.flatMap((adapter) => adapter.requirements), report.level)).toEqual({
      total: 15, ok: 8, failed: 4, nonStrict: 1, skipped: 2, unexpected: 3, expectedFailures: 3, blocking: 3,
    });
  });
});
