/**
 * Scenario (c) holds `streams` sockets in the bench and as many in a server
 * child: with 10,000 streams the default limit of open files (often 1,024)
 * is far too low. Node cannot raise its own limit, so the bench checks it
 * before it starts and says how to raise it (`npm run bench` raises it in its
 * shell first, up to the hard limit).
 */
import { readFileSync } from 'node:fs';

/** The bench could not run: too few open files allowed. */
export class OpenFileLimitError extends Error {
  override readonly name = 'OpenFileLimitError';
  readonly code = 'OPEN_FILE_LIMIT';
}

/** Open files a bench of `idleStreams` needs: twice the streams, with room (20,000 for 10,000). */
export function openFilesNeeded(idleStreams: number): number {
  return Math.max(1_024, 2 * idleStreams);
}

/** The soft and hard limits of open files of this process, from `/proc/self/limits`; `undefined` where that file does not exist. */
export function openFileLimits(limits = readProcLimits()): { soft: number; hard: number } | undefined {
  const line = limits?.split('\n').find((l) => l.startsWith('Max open files'));
  const match = line === undefined ? null : /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(line);
  if (match === null) return undefined;
  const value = (text: string): number => (text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text));
  return { soft: value(match[1]!), hard: value(match[2]!) };
}

function readProcLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}

/** Throws {@link OpenFileLimitError} when this process may open fewer files than {@link openFilesNeeded}. */
export function requireOpenFileLimit(idleStreams: number, limits = openFileLimits()): void {
  const needed = openFilesNeeded(idleStreams);
  if (limits === undefined || limits.soft >= needed) return;
  const raise = limits.hard >= needed ? `run \`ulimit -n ${needed}\` in this shell first` : `the hard limit is ${limits.hard}: raise it (e.g. /etc/security/limits.conf) to ${needed}, then \`ulimit -n ${needed}\``;
  throw new OpenFileLimitError(
    `scenario (c) holds ${idleStreams.toLocaleString('en-US')} idle streams (as many sockets in the bench and in a server child): it needs ${needed.toLocaleString('en-US')} open files, this process may open ${limits.soft.toLocaleString('en-US')}; ${raise}`,
  );
}
