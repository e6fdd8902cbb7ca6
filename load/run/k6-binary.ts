/**
 * Finding the `k6` executable (k6 is a Go binary; it is not on npm): the
 * `STREAMCONFORM_K6` environment variable when it is set, else the first `k6`
 * on `PATH`. Nothing else: k6 is the user's to install.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The variable naming the k6 binary to use (it wins over PATH). */
export const K6_ENV_VAR = 'STREAMCONFORM_K6';

/** Where to get k6, shown when it is missing. */
export const K6_INSTALL_HINT = [
  `k6 was not found: ${K6_ENV_VAR} is not set and there is no k6 on PATH.`,
  'Install it: https://grafana.com/docs/k6/latest/set-up/install-k6/',
  '  Debian/Ubuntu: the Grafana apt repository (sudo apt-get install k6 after adding it)',
  '  macOS: brew install k6 · Windows: winget install k6 · any OS: a release binary from https://github.com/grafana/k6/releases',
  `  then put it on PATH, or name it: ${K6_ENV_VAR}=/path/to/k6`,
  '  or Docker: docker run --rm -i grafana/k6 run - <script.ts',
  'To render a report from k6 results you already have: streamconform load report --summary FILE [--ndjson FILE]',
].join('\n');

export type K6Location = { found: true; path: string; from: typeof K6_ENV_VAR | 'PATH' } | { found: false; problem: string };

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `k6` on `PATH`, or undefined. */
export function k6OnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['k6.exe', 'k6.cmd', 'k6'] : ['k6'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** `STREAMCONFORM_K6` (which must then be an executable file), else `k6` on PATH. */
export function locateK6(env: NodeJS.ProcessEnv = process.env): K6Location {
  const named = env[K6_ENV_VAR];
  if (named !== undefined && named !== '') {
    if (isExecutableFile(named)) return { found: true, path: named, from: K6_ENV_VAR };
    return { found: false, problem: `${K6_ENV_VAR}=${named} is not an executable file; point it at a k6 binary, or unset it to use k6 on PATH` };
  }
  const onPath = k6OnPath(env);
  return onPath ? { found: true, path: onPath, from: 'PATH' } : { found: false, problem: K6_INSTALL_HINT };
}
