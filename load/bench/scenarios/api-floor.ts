/**
 * The API floor (issue 14), as the bench measures it: in a child on the
 * project's Node, pinned where the servers are (`api-floor-child.ts`), so it
 * gets the same core and the same runtime as the server it bounds.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from '../statistics.ts';

const CHILD_ENTRY = fileURLToPath(new URL('../api-floor-child.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Timed drains per measurement; the figure is their median. */
const REPEATS = 3;
const TIMEOUT_MS = 60_000;

/** The floor's events/s for `events` × `eventBytes`-byte SSE events; `cores` a `taskset -c` list or `undefined`. */
export function measureApiFloor(events: number, eventBytes: number, cores: string | undefined): Promise<number> {
  const nodeArgs = ['--import', 'tsx', CHILD_ENTRY, String(events), String(eventBytes), String(REPEATS)];
  const [command, args] = cores === undefined ? [process.execPath, nodeArgs] : ['taskset', ['-c', cores, process.execPath, ...nodeArgs]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.once('message', (message: { eventsPerSecond: number[] }) => (result = median(message.eventsPerSecond)));
    child.once('error', (error) => reject(new Error(`the API floor child could not be spawned: ${error.message}`)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (result === undefined) reject(new Error(`the API floor child exited without a result (code ${code}, signal ${signal})`));
      else resolve(result);
    });
  });
}
