/** The CLI's end-of-run summary (conformance/cli/summary.ts): counts, "fix these first", failures, blocked results, harness errors. */
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../conformance/cli/summary.ts';
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { adapter, allPassReport, mixedReport, result } from './fixtures.ts';

function lines(report: ConformanceReport): string[] {
  return renderSummary(report).split('\n');
}

describe('renderSummary', () => {
  it('one row per implementation: ok, failed, non-strict, skipped, blocked, unimplemented, harness errors, verdict', () => {
    const out = lines(mixedReport());
    expect(out[1]).toMatch(/^implementation\s+ok\s+failed\s+non-strict\s+skipped\s+blocked\s+unimpl\s+harness-err\s+verdict$/);
    expect(out[2]!.split(/\s{2,}/)).toEqual(['reference', '12', '0', '0', '1', '0', '0', '0', 'PASS']);
    expect(out[3]!.split(/\s{2,}/)).toEqual(['broken <fork> | v2', '1', '6', '1', '1', '1', '1', '1', 'FAIL']);
  });

  it('"fix these first": each root with the failures it explains and what it unblocks, most failures first', () => {
    const text = renderSummary(mixedReport());
    expect(text).toContain('fix these first (broken <fork> | v2):\n  1. writeSSE(…) dispatched N events, expected N.\n     2 failures: SSE-005, SSE-009\n');
    expect(text).toContain('  3. the check threw: TypeError: Cannot read properties of undefined (…)\n     1 failure: CLOSE-003; unblocks CLOSE-004\n');
    expect(text.indexOf('fix these first')).toBeLessThan(text.indexOf('broken <fork> | v2 SSE-005 MUST'));
    expect(renderSummary(allPassReport())).not.toContain('fix these first');
  });

  it('failures as before: id, level, title, first message line (control characters visible), seed, input and replay', () => {
    const text = renderSummary(mixedReport());
    expect(text).toContain('broken <fork> | v2 SSE-003 SHOULD x-accel-buffering no on event streams (does not fail this run)\n');
    expect(text).toContain('  replay: npx streamconform run --adapter "./test/fixtures/adapters/broken | fork.ts" --only SSE-005 --seed 1234567 --path "17:2:0"\n');
    expect(text).toContain('first, during SSE-001: Error: enqueue after close </script>\\x00\n');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('blocked results in one line with their blocker; harness errors with a "please report" and the first stack line', () => {
    const text = renderSummary(mixedReport());
    expect(text).toContain('broken <fork> | v2 CLOSE-004 BLOCKED by CLOSE-003: abort after close changes nothing (judged once its blocker passes)\n');
    expect(text).toContain(
      "broken <fork> | v2 HDR-008 HARNESS ERROR caller headers are kept\n  This is a bug in streamconform, not in the implementation: please report it with the run's command and seed.\n  TypeError: Cannot read properties of undefined (reading 'get')\n  at headerOf (/repo/conformance/properties/hdr.ts:88:21)\n",
    );
  });

  it('a run whose only trouble is a harness error passes, but says not everything was judged', () => {
    const report: ConformanceReport = {
      ...allPassReport(),
      adapters: [
        adapter('reference', 'reference', [
          result('SSE-001', 'MUST', 'content-type is exactly text/event-stream', 'pass'),
          result('HDR-008', 'MUST', 'caller headers are kept', 'skip', { verdict: 'harness-error', message: 'broke', harnessStack: 'RangeError: x\n    at f (/repo/conformance/a.ts:1:1)' }),
        ]),
      ],
    };
    const out = lines(report);
    expect(out[2]!.split(/\s{2,}/)).toEqual(['reference', '1', '0', '0', '0', '0', '0', '1', 'PASS (not all judged)']);
    expect(out).toContain('  RangeError: x');
    expect(out).toContain('  at f (/repo/conformance/a.ts:1:1)');
    expect(out.at(-2)).toMatch(/^PASS at level must in /);
  });
});
