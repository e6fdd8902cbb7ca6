/** Finding the `k6` executable on PATH (k6 is a Go binary; it is not on npm). */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where to get k6, shown when it is missing. */
export const K6_INSTALL_HINT = [
  'k6 is not on PATH. Install it: https://grafana.com/docs/k6/latest/set-up/install-k6/',
  '  Debian/Ubuntu: the Grafana apt repository (sudo apt-get install k6 after adding it)',
  '  macOS: brew install k6 · Windows: winget install k6 · any OS: a release binary from https://github.com/grafana/k6/releases',
  '  or Docker: docker run --rm -i grafana/k6 run - <script.ts',
  'To render a report from k6 results you already have: streamconform load report --summary FILE [--ndjson FILE]',
].join('\n');

/** The first executable `k6` on `PATH`, or undefined. */
export function findK6(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['k6.exe', 'k6.cmd', 'k6'] : ['k6'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
