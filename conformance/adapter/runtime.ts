/**
 * Which JavaScript runtime this process is (Node, Bun or Deno), and its
 * version. The harness itself runs on Node; with `--runtime bun|deno` the
 * implementation under test and the checks beside it run in that runtime's
 * process (conformance/suite/isolated.ts), and the default `listen` serves it
 * with that runtime's own server (default-listen.ts).
 */
import type { RuntimeName } from '../../reports/conformance/model.ts';

export type { RuntimeName };

/** Every runtime `--runtime` accepts, in the order reports list them. */
export const RUNTIMES: readonly RuntimeName[] = ['node', 'bun', 'deno'];

/** The runtime of this process: Bun and Deno announce themselves with a global; anything else is Node. */
export function currentRuntime(): RuntimeName {
  if (typeof (globalThis as { Bun?: unknown }).Bun === 'object') return 'bun';
  if (typeof (globalThis as { Deno?: unknown }).Deno === 'object') return 'deno';
  return 'node';
}

/** This runtime's version, e.g. `1.4.5` on Bun (Bun and Deno also report a Node compatibility version; this is their own). */
export function currentRuntimeVersion(): string {
  const versions = process.versions as Record<string, string | undefined>;
  const runtime = currentRuntime();
  if (runtime === 'bun') return versions.bun ?? 'unknown';
  if (runtime === 'deno') return versions.deno ?? (globalThis as { Deno?: { version?: { deno?: string } } }).Deno?.version?.deno ?? 'unknown';
  return versions.node ?? 'unknown';
}
