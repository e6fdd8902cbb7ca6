/** WIRE-013..016 (the `eventsource` client over a socket) pass on the reference. */
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { eventSourceChecks } from '../../conformance/properties/wire/index.ts';
import { failureOf } from './check-context.ts';

describe('eventSourceChecks on the reference', () => {
  for (const check of eventSourceChecks) {
    it(`[${check.requirement}] ${check.title}`, async () => {
      const adapter = await loadAdapter('reference');
      const failure = await failureOf(check, adapter);
      expect(failure?.message, JSON.stringify(failure?.counterexample, null, 1)).toBeUndefined();
    });
  }
});
