/**
 * The runner's outcomes beyond pass and fail: a stray error is judged by
 * CLOSE-009 (not by the check that happened to run), a blocked check names
 * its blocker and fails only when that blocker did not, an optional
 * capability the implementation lacks is unimplemented, and the suite's own
 * bug is a harness error — each through `runAdapter`, as the CLI runs it.
 */
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { requirements as registry } from '../../conformance/requirements/index.ts';
import { CheckBlocked, CheckFailure, CheckUnimplemented, type Check } from '../../conformance/runner/check.ts';
import { parseIdGlobs } from '../../conformance/runner/id-glob.ts';
import { type SuiteOptions } from '../../conformance/runner/options.ts';
import { runAdapter } from '../../conformance/runner/run.ts';
import { settleResults } from '../../conformance/runner/settle.ts';
import { isSuiteBug } from '../../conformance/runner/suite-bug.ts';
import type { RequirementId } from '../../conformance/requirements/types.ts';
import type { RequirementResult } from '../../reports/conformance/model.ts';

const pick = (ids: RequirementId[]) => registry.filter((entry) => ids.includes(entry.id));

function check(requirement: RequirementId, run: Check['run']): Check {
  return { requirement, title: `a scripted check of ${requirement}`, run };
}

async function run(checks: Check[], ids: RequirementId[], only: string[] = []): Promise<RequirementResult[]> {
  const adapter = await loadAdapter('reference');
  const options: SuiteOptions = { seed: 1, runs: 1, level: 'must', checks, requirements: pick(ids), only, timeoutMs: 2_000 };
  return (await runAdapter(adapter, checks, options)).requirements;
}

const byId = (results: RequirementResult[], id: RequirementId) => results.find((result) => result.id === id)!;

describe('stray errors', () => {
  it('count against CLOSE-009, are shown on the check that was running, and leave its verdict alone', async () => {
    const results = await run(
      [
        check('SSE-004', async () => {
          void Promise.reject(new Error('a rejection nobody handles'));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }),
        check('CLOSE-009', async () => {}),
      ],
      ['SSE-004', 'CLOSE-009'],
    );
    expect(byId(results, 'SSE-004')).toMatchObject({ status: 'pass', verdict: 'ok' });
    expect(byId(results, 'SSE-004').strayErrors?.[0]).toMatchObject({ during: 'SSE-004', description: expect.stringContaining('a rejection nobody handles') });
    expect(byId(results, 'CLOSE-009')).toMatchObject({ status: 'fail', verdict: 'failed', rootCause: { difference: 'unhandled rejection or uncaught exception' } });
    expect(byId(results, 'CLOSE-009').message).toMatch(/during SSE-004: Error: a rejection nobody handles/);
  });

  it('fail CLOSE-009 even when --only left it out', async () => {
    const results = await run(
      [check('SSE-004', async () => void Promise.reject(new Error('stray'))), check('CLOSE-009', async () => {})],
      ['SSE-004', 'CLOSE-009'],
      ['SSE-004'],
    );
    expect(byId(results, 'SSE-004').verdict).toBe('ok');
    expect(byId(results, 'CLOSE-009')).toMatchObject({ status: 'fail', verdict: 'failed' });
  });
});

describe('blocked', () => {
  const blockedCheck = check('SSE-010', async () => {
    throw new CheckBlocked('SSE-006', 'the data lines lack the space, so the event type cannot be read apart from them');
  });

  it('names its blocker and does not fail when the blocker fails', async () => {
    const results = await run([blockedCheck, check('SSE-006', async () => { throw new CheckFailure('data line without the space'); })], ['SSE-006', 'SSE-010']);
    expect(byId(results, 'SSE-006').verdict).toBe('failed');
    expect(byId(results, 'SSE-010')).toMatchObject({ status: 'skip', verdict: 'blocked', blockedBy: ['SSE-006'] });
  });

  it('fails when its blocker passed or was not run, saying so', async () => {
    for (const only of [[], ['SSE-010']]) {
      const results = await run([blockedCheck, check('SSE-006', async () => {})], ['SSE-006', 'SSE-010'], only);
      expect(byId(results, 'SSE-010')).toMatchObject({ status: 'fail', verdict: 'failed', blockedBy: ['SSE-006'] });
      expect(byId(results, 'SSE-010').message).toMatch(/SSE-006 did not fail in this run .*--only SSE-010,SSE-006/);
    }
  });

  it('settling twice changes nothing', async () => {
    const results = await run([blockedCheck, check('SSE-006', async () => {})], ['SSE-006', 'SSE-010']);
    expect(settleResults(results, registry)).toEqual(results);
  });
});

describe('unimplemented and harness errors', () => {
  it('an optional capability that is missing is unimplemented, unless another check of the requirement fails', async () => {
    const missing = check('STREAM-009', async () => { throw new CheckUnimplemented('ready', 'stream.ready is missing'); });
    const alone = await run([missing], ['STREAM-009']);
    expect(byId(alone, 'STREAM-009')).toMatchObject({ status: 'skip', verdict: 'unimplemented', capability: 'ready' });
    const withFailure = await run([missing, check('STREAM-009', async () => { throw new CheckFailure('wrong'); })], ['STREAM-009']);
    expect(byId(withFailure, 'STREAM-009').verdict).toBe('non-strict');
  });

  it("a programming error in the suite's own code is a harness error with its stack, not a failure", async () => {
    const results = await run([check('HDR-001', async () => void parseIdGlobs(['not an id']))], ['HDR-001']);
    expect(byId(results, 'HDR-001')).toMatchObject({ status: 'skip', verdict: 'harness-error' });
    expect(byId(results, 'HDR-001').message).toMatch(/streamconform itself broke .*please report/);
    expect(byId(results, 'HDR-001').harnessStack).toMatch(/id-glob\.ts/);
  });

  it("errors of the implementation's own code, and of a peer that went away, stay failures", async () => {
    const results = await run([check('HDR-001', async () => { throw new TypeError('thrown here, outside the suite'); })], ['HDR-001']);
    expect(byId(results, 'HDR-001').verdict).toBe('failed');
    const refused = await fetch('http://127.0.0.1:9/').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TypeError);
    expect(isSuiteBug(refused)).toBe(false);
  });
});
