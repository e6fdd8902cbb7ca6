// @ts-check
/**
 * `npm run mutation`: Stryker over reference/ with the conformance suite as
 * the only test (test/mutation/vitest.config.ts). See docs/mutation.md.
 * Not mutated: reference/demo/ (an example app, not the API) and
 * reference/node/measure-bridge.ts (a measurement script the suite never loads).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['reference/**/*.ts', '!reference/demo/**', '!reference/node/measure-bridge.ts'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/out/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/out/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/out/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.tmp/stryker',
  ignorePatterns: ['/reports/out', '/.tmp', '/docs', '/load/out'],
  // Two cores shared with other work: one test process.
  concurrency: 1,
  // A check has its own 10 s limit (test/mutation/reference.conformance.ts); a mutant
  // that hangs past that and Stryker's own limit counts as "timeout" (see docs/mutation.md).
  timeoutMS: 15_000,
  timeoutFactor: 2,
  thresholds: { high: 95, low: 90, break: null },
  cleanTempDir: 'always',
};
