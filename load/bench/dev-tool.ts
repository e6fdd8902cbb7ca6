/**
 * What the bench's single-scenario tools (`idle-only.ts`, `allocation-only.ts`)
 * share: flags parsed strictly with a usage text, a server list checked, and
 * running as a script with a clear message and exit 2 on a crash.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isServerKind, SERVER_KINDS, type ServerKind } from './protocol.ts';

/**
 * The flag values `parse` returns (`parseArgs(…).values`, with a `help`
 * flag), or the exit code when there is nothing to run: `--help` prints
 * `usage` (0); a bad flag prints its error and `usage` (2).
 */
export function parsedOrExitCode<T extends { help?: boolean | undefined }>(parse: () => T, usage: string): T | number {
  let values: T;
  try {
    values = parse();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return values;
}

/** The server kinds of a comma-separated `--servers`, or a problem naming the unknown ones. */
export function serverKindsOf(list: string): { kinds: ServerKind[]; problem?: string } {
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !isServerKind(name));
  if (unknown.length > 0) return { kinds: [], problem: `unknown server kind(s) ${unknown.join(', ')}; expected ${SERVER_KINDS.join(', ')}` };
  return { kinds: names as ServerKind[] };
}

/** Runs `main` when `moduleUrl` is the script Node was started with; its result is the exit code. */
export function runAsScript(moduleUrl: string, name: string, main: (argv: string[]) => Promise<number>): void {
  if (process.argv[1] === undefined || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
