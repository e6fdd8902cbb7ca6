// `npm run mutation [-- --slice | --files a.ts,b.ts]`: Stryker with stryker.config.mjs.
//   (none)     every file of reference/ the config mutates, incremental
//   --slice    the CI slice (.ci/run): SLICE below without its static mutants
//              (module-level constants: each one re-runs the whole suite, ~13 s),
//              not incremental, its own reports under reports/out/mutation/slice/,
//              exits 1 below BREAK. About 3 min here (docs/mutation.md, "CI slice").
//   --files    these files only (incremental, same reports as a full run)
//   --force    with either of the last two: test every mutant again. Incremental mode
//              notices changed files of reference/ and of the test file, not changed
//              checks in conformance/: after changing a check, run with --force.
import { Stryker } from '@stryker-mutator/core';

/** Small files whose mutants are judged by in-process and wire checks alike. */
export const SLICE = ['reference/chunk.ts', 'reference/headers.ts', 'reference/utf8.ts', 'reference/json-text.ts'];
/**
 * The slice's score (%) below which CI fails: just under what it scores now
 * (docs/mutation.md, "CI slice"), so that one more surviving mutant — a check
 * made weaker — fails CI. Its survivors are all equivalent (docs/mutation.md).
 */
export const BREAK = 78;

const args = process.argv.slice(2);
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
let options = {};
if (args.includes('--slice')) {
  options = {
    mutate: SLICE,
    incremental: false,
    ignoreStatic: true,
    reporters: ['clear-text', 'json', 'html'],
    jsonReporter: { fileName: 'reports/out/mutation/slice/mutation.json' },
    htmlReporter: { fileName: 'reports/out/mutation/slice/mutation.html' },
    thresholds: { high: 95, low: 90, break: BREAK },
  };
} else if (args.includes('--files')) {
  const list = args[args.indexOf('--files') + 1];
  if (!list) throw new Error('--files needs a comma-separated list of files of reference/');
  options = { mutate: list.split(',') };
} else if (args.some((arg) => arg !== '--force')) {
  process.stderr.write(`unknown arguments: ${args.join(' ')} (use --slice or --files a.ts,b.ts)\n`);
  process.exit(2);
}
if (args.includes('--force')) options.force = true;
const started = performance.now();
await new Stryker(options).runMutationTest();
process.stdout.write(`mutation: done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
