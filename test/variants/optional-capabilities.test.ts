/**
 * Optional capabilities (spec §2a): an implementation with only the guide's
 * API (guide-api-only.ts: no writeComment, ready or closed) is told which
 * capability it lacks, as UNIMPLEMENTED, and the run passes even at level
 * should.
 */
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';

describe('optional capabilities', () => {
  it('a stream without writeComment, ready and closed: SSE-021, STREAM-009, CLOSE-010 unimplemented, naming the capability; the run passes at level should', async () => {
    const adapter = await loadAdapter(new URL('./guide-api-only.ts', import.meta.url).pathname);
    const report = await runConformance([adapter], { seed: 3, runs: 10, level: 'should', only: ['SSE-021', 'STREAM-009', 'CLOSE-010'], profiles: ['in-process'], timeoutMs: 15_000 });
    const results = report.adapters[0]!.requirements.filter((result) => result.verdict !== 'skipped');
    expect(results.map((result) => [result.id, result.verdict, result.capability])).toEqual([
      ['SSE-021', 'unimplemented', 'writeComment'],
      ['STREAM-009', 'unimplemented', 'ready'],
      ['CLOSE-010', 'unimplemented', 'closed'],
    ]);
    expect(report.adapters[0]!.summary.unimplemented).toBe(3);
    expect(report.passed).toBe(true);
  });
});
