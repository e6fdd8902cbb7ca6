/**
 * Runs the load target (`streamconform load serve`) in a child process, so the
 * memory `/metrics` reports is the adapter's process alone, not the CLI's,
 * the sampler's or k6's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The line `load serve` prints once it listens; `load run` reads the URL from it. */
export const LISTENING_LINE = /^load target listening on (http:\/\/\S+)/;

export interface TargetProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The target process failed to start; the message carries its stderr. */
export class TargetProcessError extends Error {
  override readonly name = 'TargetProcessError';
  readonly code = 'TARGET_START_FAILED';
}

/** The entry with this file's own extension: `cli-entry.ts` beside the sources, `cli-entry.js` in the built package. */
const OWN_EXTENSION = extname(fileURLToPath(import.meta.url));
const ENTRY = fileURLToPath(new URL(`../cli-entry${OWN_EXTENSION}`, import.meta.url));

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `load serve --adapter <adapter>` in a child Node process and waits for its URL. */
export async function startTargetProcess(adapter: string, options: { startTimeoutMs?: number } = {}): Promise<TargetProcess> {
  // From the sources the entry is TypeScript: tsx's "." export is its ESM loader (for --import), for import
  // and require alike. The built entry is JavaScript; a TypeScript adapter gets tsx when it is loaded.
  const loader = OWN_EXTENSION === '.ts' ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const child = spawn(process.execPath, [...loader, ENTRY, 'serve', '--adapter', adapter], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout! });
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(new TargetProcessError(`the load target did not start within ${timeoutMs / 1000} s${stderr ? `:\n${stderr}` : ''}`));
    }, timeoutMs);
    lines.on('line', (line) => {
      const match = LISTENING_LINE.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new TargetProcessError(`the load target exited (${signal ?? `code ${code}`}) before listening${stderr ? `:\n${stderr.trim()}` : ''}`));
    });
  });
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}
