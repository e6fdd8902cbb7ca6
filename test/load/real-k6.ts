/**
 * Test set-up: which real k6 the project's tests run. The product looks at
 * `STREAMCONFORM_K6`, then `k6` on PATH (`load/run/k6-binary.ts`); the tests
 * and CI add one more place, the k6 kept beside the clone for them
 * (`<clone>/../shared/bin/k6`). That last place is for the tests only: users
 * install k6 themselves, and `streamconform load run` never looks there.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { K6_ENV_VAR, k6OnPath } from '../../load/run/k6-binary.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The k6 the project's CI keeps beside the clone (tests and CI only). */
export const K6_BESIDE_CLONE = resolve(ROOT, '..', 'shared', 'bin', 'k6');

export type TestK6 =
  | { found: true; path: string; from: typeof K6_ENV_VAR | 'PATH' | 'beside the clone' }
  | { found: false; looked: string[] };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `STREAMCONFORM_K6`, then `k6` on PATH, then {@link K6_BESIDE_CLONE}. */
export function k6ForTests(env: NodeJS.ProcessEnv = process.env, beside: string = K6_BESIDE_CLONE): TestK6 {
  const named = env[K6_ENV_VAR];
  if (named !== undefined && named !== '') {
    if (executable(named)) return { found: true, path: named, from: K6_ENV_VAR };
    return { found: false, looked: [`${K6_ENV_VAR}=${named}: not an executable file`] };
  }
  const onPath = k6OnPath(env);
  if (onPath) return { found: true, path: onPath, from: 'PATH' };
  if (executable(beside)) return { found: true, path: beside, from: 'beside the clone' };
  return { found: false, looked: [`${K6_ENV_VAR}: not set`, 'PATH: no k6', `${beside}: no such executable`] };
}

/** What the tests print (and assert) when no k6 was found: the real-k6 part did not run, and how to get k6. */
export function realK6Notice(looked: readonly string[]): string {
  return [
    'THE REAL-k6 TESTS DID NOT RUN: no k6 was found.',
    ...looked.map((place) => `  looked at ${place}`),
    'Only the k6 scripts\' pure parts and `load run` with a fake k6 were tested; no scenario ran under k6.',
    'Get k6: https://grafana.com/docs/k6/latest/set-up/install-k6/ (it is not on npm),',
    `then put it on PATH or set ${K6_ENV_VAR}=/path/to/k6, and run npm test again. CI (.ci/run) fails without k6.`,
  ].join('\n');
}
