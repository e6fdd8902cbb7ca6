/**
 * Precision on a realistic implementation (terse-sse-framework.ts): the
 * suite fails exactly the requirements its defects break — nothing for its
 * allowed habits, no collateral — and whatever another requirement's rule
 * keeps from being judged is blocked, by that requirement.
 */
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';
import { rootCauses } from './terse-sse-framework.ts';

describe('a realistic implementation with four defects', () => {
  it('fails the requirements its defects break and no other; blocked ones name a failed requirement', { timeout: 180_000 }, async () => {
    const adapter = await loadAdapter(new URL('./terse-sse-framework.ts', import.meta.url).pathname);
    const report = await runConformance([adapter], { seed: 5, runs: 30, level: 'should', profiles: ['in-process', 'wire'], timeoutMs: 20_000 });
    const results = report.adapters[0]!.requirements;
    const failed = results.filter((result) => result.status === 'fail').map((result) => result.id);
    expect(failed.sort(), results.filter((r) => r.status === 'fail').map((r) => `${r.id}: ${r.message}`).join('\n')).toEqual(Object.keys(rootCauses).concat('SSE-019').sort());
    for (const result of results.filter((r) => r.verdict === 'blocked')) expect(failed).toEqual(expect.arrayContaining(result.blockedBy ?? ['(none)']));
    expect(results.filter((result) => result.verdict === 'harness-error')).toEqual([]);
  });
});
