/**
 * CPU pinning with `taskset` (util-linux): servers on core 0, the load client
 * (this process) on core 1, so they do not compete for a core. Without
 * `taskset` or with fewer than two cores everything runs unpinned, and the
 * report says so.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** How the bench placed its processes. */
export interface Pinning {
  /** Servers and client on separate cores. */
  pinned: boolean;
  /** `taskset` core list of the servers (`'0'`), or `undefined` unpinned. */
  serverCores: string | undefined;
  /** Core list of the client, or `undefined` unpinned. */
  clientCores: string | undefined;
  /** One line for the report. */
  note: string;
}

/** Is `taskset` on the PATH? */
export function hasTaskset(): boolean {
  const probe = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * Pins this process (all its threads) to core 1 and returns where servers
 * go; or, when that is not possible, why not.
 */
export function pinClient(wanted: boolean): Pinning {
  if (!wanted) return unpinned('pinning turned off (--no-pin)');
  const cores = availableParallelism();
  if (cores < 2) return unpinned(`only ${cores} core: server and client share it`);
  if (!hasTaskset()) return unpinned('taskset (util-linux) not found: server and client run unpinned');
  const result = spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { encoding: 'utf8' });
  if (result.status !== 0) return unpinned(`taskset could not pin the client: ${(result.stderr ?? '').trim()}`);
  return { pinned: true, serverCores: '0', clientCores: '1', note: 'servers pinned to core 0 (taskset -c 0), client to core 1' };
}

function unpinned(note: string): Pinning {
  return { pinned: false, serverCores: undefined, clientCores: undefined, note };
}
