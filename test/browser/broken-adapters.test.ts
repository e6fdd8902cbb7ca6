/**
 * The real-client checks have teeth: each broken adapter of
 * `test/broken/adapters/es-*.ts` and `browser-*.ts` fails the requirement it
 * names in `breaks` (and the checks of that requirement say why).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { browserChecks } from '../../conformance/properties/browser.ts';
import { eventSourceChecks } from '../../conformance/properties/wire/index.ts';
import { CheckBlocked, type CheckFailure } from '../../conformance/runner/check.ts';
import { failureOf } from './check-context.ts';

const folder = fileURLToPath(new URL('../broken/adapters/', import.meta.url));
const files = readdirSync(folder).filter((file) => /^(es|browser)-.*\.ts$/.test(file)).sort();
const checks = [...eventSourceChecks, ...browserChecks];

describe('broken adapters fail the requirement they break', () => {
  it('there is one for each of WIRE-013..016 and BROWSER-001..004', async () => {
    const broken = await Promise.all(files.map(async (file) => ((await import(folder + file)) as { breaks: string }).breaks));
    expect(new Set(broken)).toEqual(new Set(checks.map((check) => check.requirement)));
  });

  for (const file of files) {
    it(file, async () => {
      const module = (await import(folder + file)) as { breaks: string };
      const adapter = await loadAdapter(folder + file);
      const own = checks.filter((check) => check.requirement === module.breaks);
      expect(own.length, `no check judges ${module.breaks}`).toBeGreaterThan(0);
      const failures: CheckFailure[] = [];
      const blocked: CheckBlocked[] = [];
      for (const check of own) {
        const failure = await failureOf(check, adapter, { seed: 7 }).catch((error: unknown) => {
          if (error instanceof CheckBlocked) return void blocked.push(error);
          throw error;
        });
        if (failure) failures.push(failure);
      }
      if (failures.length === 0 && blocked.length > 0) {
        // The client refused the stream before any event: the check names the rule that stood in its way
        // (in a run, a blocker that passed makes this a failure of the requirement itself).
        expect(blocked[0]!.blockedBy, `${file}: blocked by`).toMatch(/^(SSE|HDR|WIRE)-\d{3}$/);
        expect(blocked[0]!.message).toMatch(/not text\/event-stream/);
        return;
      }
      expect(failures.map((failure) => failure.message), `${file} passed every check of ${module.breaks}`).not.toEqual([]);
      // A failure a person can replay: seed and the input that failed.
      expect(failures[0]!.counterexample?.seed).toBe(7);
      expect(failures[0]!.counterexample?.input).toBeTruthy();
    });
  }
});
