/**
 * The one test Stryker runs for `npm run mutation`: the conformance suite on
 * the reference (test/mutation/reference.conformance.ts), nothing else — the
 * reference's own unit tests are left out on purpose, so that the score
 * measures what the suite alone detects.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/mutation/reference.conformance.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
