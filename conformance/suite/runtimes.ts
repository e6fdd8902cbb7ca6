/**
 * How the process that runs the checks is started in each runtime
 * (`--runtime node|bun|deno`). The harness (CLI, reports) stays on Node; the
 * implementation under test and the checks beside it run in the child. Bun
 * and Deno are found, in order: the file named by `STREAMCONFORM_BUN` /
 * `STREAMCONFORM_DENO`, the `bun` / `deno` npm package as installed beside
 * streamconform, then `bun` / `deno` on PATH.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import type { RuntimeName } from '../adapter/runtime.ts';

/** A runtime that `--runtime` names but this machine does not have. The CLI exits 2 with this message. */
export class RuntimeNotFoundError extends Error {
  override readonly name = 'RuntimeNotFoundError';
  readonly code = 'STREAMCONFORM_RUNTIME_NOT_FOUND';
  readonly runtime: RuntimeName;
  constructor(runtime: RuntimeName, message: string) {
    super(message);
    this.runtime = runtime;
  }
}

/** The environment variable that names a runtime's executable. */
export function runtimeVariable(runtime: Exclude<RuntimeName, 'node'>): string {
  return `STREAMCONFORM_${runtime.toUpperCase()}`;
}

/** Where the npm package keeps the real binary (not its JavaScript launcher). */
const PACKAGE_BINARY: Record<Exclude<RuntimeName, 'node'>, string> = {
  bun: 'bin/bun.exe',
  deno: 'deno',
};

const HOW_TO: Record<Exclude<RuntimeName, 'node'>, string> = {
  bun: 'install it as a devDependency of the project that runs streamconform (npm i -D bun), or install Bun (https://bun.sh) so that `bun` is on PATH',
  deno: 'install it as a devDependency of the project that runs streamconform (npm i -D deno), or install Deno (https://deno.com) so that `deno` is on PATH',
};

/** Where to look; tests name other places. */
export interface RuntimeSearch {
  /** Environment (default `process.env`): `STREAMCONFORM_<RUNTIME>` and `PATH`. */
  env?: Record<string, string | undefined>;
  /** A file the npm package is resolved from (default: this module). */
  resolveFrom?: string;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The executable of `runtime` (Node: this process's own), or a {@link RuntimeNotFoundError} that says how to get it. */
export function findRuntime(runtime: RuntimeName, search: RuntimeSearch = {}): string {
  if (runtime === 'node') return process.execPath;
  const env = search.env ?? process.env;
  const variable = runtimeVariable(runtime);
  const named = env[variable];
  if (named !== undefined && named !== '') {
    if (isExecutableFile(named)) return named;
    throw new RuntimeNotFoundError(runtime, `--runtime ${runtime}: ${variable}=${named} is not an executable file; point it at a ${runtime} binary, unset it, or ${HOW_TO[runtime]}`);
  }
  try {
    const manifest = createRequire(search.resolveFrom ?? import.meta.url).resolve(`${runtime}/package.json`);
    const binary = join(dirname(manifest), PACKAGE_BINARY[runtime]);
    if (isExecutableFile(binary)) return binary;
  } catch {
    // Not installed beside streamconform: look on PATH.
  }
  for (const folder of (env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, runtime);
    if (isExecutableFile(candidate)) return candidate;
  }
  throw new RuntimeNotFoundError(runtime, `--runtime ${runtime}: no ${runtime} found (no ${variable}, no npm package "${runtime}" beside streamconform, no \`${runtime}\` on PATH); ${HOW_TO[runtime]}`);
}

/**
 * Deno's permissions for the child: all of them (`-A`). Node and Bun have no
 * permission system, so the implementation under test may do there whatever
 * it does in production (read its files, open sockets, spawn Chromium for the
 * browser profile); on Deno a narrower set would fail a correct implementation
 * for a permission it was never asked about (playwright-core, for one, probes
 * /proc at import, which Deno only allows with -A).
 */
export const DENO_PERMISSIONS = ['-A'];

/** The arguments a runtime's executable gets before the child's module (Node: the TypeScript loader). */
export function runtimeArguments(runtime: RuntimeName, loader: string | undefined): string[] {
  if (runtime === 'bun') return [];
  if (runtime === 'deno') return ['run', '--no-prompt', ...DENO_PERMISSIONS];
  return loader === undefined ? [] : ['--import', loader];
}
