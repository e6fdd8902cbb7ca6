/** Graded verdicts at a level, with and without --expect; summaries; root causes ("fix these first"). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequirementId } from '../../conformance/requirements/types.ts';
import {
  countsAtLevel,
  fallbackRootCause,
  groupRootCauses,
  hasHarnessErrors,
  isBlocking,
  reportPasses,
  summarize,
  tally,
  UNKNOWN_CALL,
} from '../../reports/conformance/outcome.ts';
import { fixFirst, rootCauseText, strayErrorsNote } from '../../reports/conformance/fix-first.ts';
import { hostileStringArbitrary } from './arbitraries.ts';
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

  it('blocked, unimplemented and harness-error results never block the run themselves', () => {
    for (const verdict of ['blocked', 'unimplemented', 'harness-error'] as const) {
      expect(isBlocking(result('CLOSE-004', 'MUST', 't', 'skip', { verdict, blockedBy: ['CLOSE-003'] }), 'should'), verdict).toBe(false);
    }
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
      total: 25, ok: 13, failed: 6, nonStrict: 1, skipped: 2, blocked: 1, unimplemented: 1, harnessErrors: 1, unexpected: 5, expectedFailures: 3, blocking: 5,
    });
  });

  it('summarize counts each verdict once: pass, fail (failed + non-strict), skip, blocked, unimplemented, harness errors', () => {
    const [reference, broken] = mixedReport().adapters;
    expect(summarize(reference!.requirements)).toEqual({ pass: 12, fail: 0, skip: 1, blocked: 0, unimplemented: 0, harnessError: 0 });
    expect(summarize(broken!.requirements)).toEqual({ pass: 1, fail: 7, skip: 1, blocked: 1, unimplemented: 1, harnessError: 1 });
    expect(hasHarnessErrors(mixedReport())).toBe(true);
    expect(hasHarnessErrors(allPassReport())).toBe(false);
  });
});

describe('groupRootCauses', () => {
  const fail = (id: RequirementId, message: string, extra: Parameters<typeof result>[4] = {}) => result(id, 'MUST', 't', 'fail', { message, ...extra });

  it('groups failures by an explicit root: the group explaining most requirements first, then MUST before SHOULD, then registry order', () => {
    const data = { call: 'writeSSE', difference: 'data line without the space' };
    const results = [
      result('SSE-003', 'SHOULD', 't', 'fail', { message: 'x', rootCause: { call: 'sseResponse', difference: 'no retry' } }),
      fail('SSE-004', 'a', { rootCause: { call: 'close', difference: 'tail lost' } }),
      fail('SSE-006', 'b', { rootCause: data }),
      result('SSE-007', 'MUST', 't', 'pass'),
      fail('SSE-017', 'c', { rootCause: data }),
      result('CLOSE-004', 'MUST', 't', 'skip', { verdict: 'blocked', blockedBy: ['SSE-006'] }),
    ];
    expect(groupRootCauses(results)).toEqual([
      { ...data, requirements: ['SSE-006', 'SSE-017'] },
      { call: 'close', difference: 'tail lost', requirements: ['SSE-004'] },
      { call: 'sseResponse', difference: 'no retry', requirements: ['SSE-003'] },
    ]);
    expect(fixFirst({ requirements: results, rootCauses: groupRootCauses(results) })[0]!.blocks).toEqual(['CLOSE-004']);
  });

  it('without an explicit root, failures whose messages differ only in their inputs share one', () => {
    const results = [
      fail('SSE-004', 'one writeSSE call is one event: writeSSE("a\\rb"): line 1: field "data" lacks the space after the colon (got "data:a")'),
      fail('SSE-017', 'all of Unicode survives as UTF-8: writeSSE("\\u{d800}"): line 12: field "data" lacks the space after the colon (got "data:\\xff")\nmore'),
      fail('SSE-009', 'writeSSE("") is one event with empty data: writeSSE(""): line 1: field "data" lacks the space after the colon (got "data:")'),
      fail('GEN-003', 'sync iterables: sseResponse(a 1-value sync generator of [" "]): a client should read 1 events with data [" "], but reads [""]'),
      fail('GEN-005', 'a finished generator ends cleanly: sseResponse(an endless async generator yielding [" ", "x"]), before the end: a client should read 2 events with data [" ","x"], but reads ["","x"]'),
      fail('CHUNK-001', 'a string chunk is its UTF-8 bytes: writeChunk("é"): chunk 1 is "w6k=", expected "w6k=\\n"'),
    ];
    expect(groupRootCauses(results)).toEqual([
      { call: 'writeSSE', difference: 'line N: field "…" lacks the space after the colon (…)', requirements: ['SSE-004', 'SSE-017', 'SSE-009'] },
      { call: 'sseResponse', difference: 'a client should read N events with data […], but reads […]', requirements: ['GEN-003', 'GEN-005'] },
      { call: 'writeChunk', difference: 'chunk N is "…", expected "…"', requirements: ['CHUNK-001'] },
    ]);
  });

  it('keeps apart failures that differ in more than their inputs', () => {
    const results = [
      fail('SSE-004', 't: writeSSE("a"): the event type is "message", expected "a"'),
      fail('SSE-005', 't: writeSSE("a"): the event id is "", expected "a"'),
      fail('SSE-006', 't: sseResponse(["a"]): the event type is "message", expected "a"'),
    ];
    expect(groupRootCauses(results).map((group) => group.requirements)).toEqual([['SSE-004'], ['SSE-005'], ['SSE-006']]);
  });
});

describe('fallbackRootCause', () => {
  it('takes out the check title, quoted values, escaped bytes, bracketed values and numbers; keeps ids and section numbers', () => {
    expect(fallbackRootCause('data is split: writeSSE("a\\rb", {"id":"7"}): line 3 of 4: [a, b] sent (see SSE-006, WHATWG HTML §9.2.5)')).toEqual({
      call: 'writeSSE',
      difference: 'line N of N: […] sent (…)',
    });
    expect(fallbackRootCause('t: write(1) then close(): got \\x00\\r\\n and 12.5 ms later SSE-006 §9.2.5 "x"')).toEqual({
      call: 'write',
      difference: 'got … and N ms later SSE-006 §9.2.5 "…"',
    });
  });

  it("understands the runner's own messages: timeouts, thrown errors, interrupted properties", () => {
    expect(fallbackRootCause('a check: the check did not finish within 20000 ms: the implementation hung')).toEqual({
      call: UNKNOWN_CALL,
      difference: 'the check did not finish within N ms: the implementation hung',
    });
    expect(fallbackRootCause("other check: the check threw: TypeError: Cannot read properties of undefined (reading 'x')")).toEqual({
      call: UNKNOWN_CALL,
      difference: 'the check threw: TypeError: Cannot read properties of undefined (…)',
    });
  });

  it('takes no title when no call or runner phrase follows one (a title may hold ": " itself)', () => {
    expect(fallbackRootCause('sends X-Accel-Buffering: no: X-Accel-Buffering: expected "no", got null')).toEqual({
      call: UNKNOWN_CALL,
      difference: 'sends X-Accel-Buffering: no: X-Accel-Buffering: expected "…", got null',
    });
  });

  it('is deterministic and total: any message gives a root whose difference is at most 160 characters, and the same message the same root', () => {
    fc.assert(
      fc.property(hostileStringArbitrary(400), (message) => {
        const root = fallbackRootCause(message);
        expect(root).toEqual(fallbackRootCause(message));
        expect(root.difference.length).toBeLessThanOrEqual(160);
        expect(root.call.length).toBeGreaterThan(0);
      }),
    );
  });

  it('is stable across inputs: the same message shape with other quoted strings and numbers gives the same root', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(), fc.nat(), (a, b, n, m) => {
        const message = (value: string, count: number): string => `check: writeSSE(${JSON.stringify(value)}): dispatched ${count} events, expected "${JSON.stringify(value).slice(1, -1)}"`;
        expect(fallbackRootCause(message(a, n))).toEqual(fallbackRootCause(message(b, m)));
      }),
    );
  });
});

describe('rootCauseText / strayErrorsNote', () => {
  it('names the call unless the difference already does, or none is known', () => {
    expect(rootCauseText({ call: 'writeSSE', difference: 'data line without the space' })).toBe('writeSSE: data line without the space');
    expect(rootCauseText({ call: 'writeSSE', difference: 'writeSSE(…) dispatched N events' })).toBe('writeSSE(…) dispatched N events');
    expect(rootCauseText({ call: UNKNOWN_CALL, difference: 'the check threw' })).toBe('the check threw');
  });

  it('says where a stray error was seen and who judges it', () => {
    const [, broken] = mixedReport().adapters;
    const byId = (id: string) => broken!.requirements.find((entry) => entry.id === id)!;
    expect(strayErrorsNote(byId('SSE-001'))).toBe('1 stray error (unhandled rejection / uncaught exception) seen while this ran: judged by CLOSE-009');
    expect(strayErrorsNote(byId('CLOSE-009'))).toBe('judges 1 stray error seen while other checks ran (SSE-001)');
    expect(strayErrorsNote(byId('SSE-005'))).toBeUndefined();
  });
});
