/**
 * The browser profile through the runner, as `streamconform run --browser`
 * runs it: BROWSER-001..004 pass on the reference at the default 100 runs
 * (each check caps its own runs), well within the per-check time limit.
 */
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { browserChecks } from '../../conformance/properties/browser.ts';
import { eventSourceChecks } from '../../conformance/properties/wire/index.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';

describe('profiles through the runner', () => {
  it('--browser: BROWSER-001..004 pass on the reference', async () => {
    const adapter = await loadAdapter('reference');
    const report = await runConformance([adapter], {
      seed: 1234,
      runs: 100,
      level: 'must',
      only: ['BROWSER-*'],
      profiles: ['browser'],
      checks: browserChecks,
    });
    const results = report.adapters[0]!.requirements.filter((result) => result.id.startsWith('BROWSER-'));
    expect(results.map((result) => [result.id, result.status, result.message])).toEqual(
      ['BROWSER-001', 'BROWSER-002', 'BROWSER-003', 'BROWSER-004'].map((id) => [id, 'pass', undefined]),
    );
    for (const result of results) expect(result.durationMs).toBeLessThan(15_000);
  });

  it('wire: WIRE-013..016 pass on the reference', async () => {
    const adapter = await loadAdapter('reference');
    const report = await runConformance([adapter], {
      seed: 1234,
      runs: 100,
      level: 'must',
      only: ['WIRE-013', 'WIRE-014', 'WIRE-015', 'WIRE-016'],
      profiles: ['wire'],
      checks: eventSourceChecks,
    });
    const results = report.adapters[0]!.requirements.filter((result) => ['WIRE-013', 'WIRE-014', 'WIRE-015', 'WIRE-016'].includes(result.id));
    expect(results.map((result) => [result.id, result.status, result.message])).toEqual(
      ['WIRE-013', 'WIRE-014', 'WIRE-015', 'WIRE-016'].map((id) => [id, 'pass', undefined]),
    );
  });
});
