/**
 * The suite's own speed: times `streamconform run --adapter reference
 * --level should` (and with `--browser`) as a user would run it, and reads
 * the verdict counts from the `conformance.json` it wrote.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceTiming } from '../../reports/bench/model.ts';
import type { ConformanceReport } from '../../reports/conformance/model.ts';

export type { ConformanceTiming } from '../../reports/bench/model.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = 'cli/bin.mjs';

/** A fast-check seed, as the CLI would pick one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/**
 * Runs the suite on the reference at `--level should` with `seed`, with
 * `extraArgs` (e.g. `['--browser']`), and times it.
 */
export async function timeConformanceRun(extraArgs: readonly string[], seed = randomSeed(), timeoutMs = 600_000): Promise<ConformanceTiming> {
  const reportDir = await mkdtemp(join(tmpdir(), 'streamconform-bench-'));
  const args = [BIN, 'run', '--adapter', 'reference', '--level', 'should', '--seed', String(seed), '--quiet', '--report-dir', reportDir, ...extraArgs];
  const started = performance.now();
  try {
    const exitCode = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.stderr.resume();
      child.once('error', () => resolve(-1));
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code ?? -1);
      });
    });
    const durationMs = performance.now() - started;
    const report = await readReport(join(reportDir, 'conformance.json'));
    const adapter = report?.adapters[0];
    return {
      command: `node ${args.filter((arg) => arg !== reportDir && arg !== '--report-dir').join(' ')}`,
      seed,
      durationMs,
      exitCode,
      summary: adapter?.summary,
      failed: adapter?.requirements.filter((r) => r.status === 'fail').map((r) => r.id) ?? [],
    };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

async function readReport(path: string): Promise<ConformanceReport | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ConformanceReport;
  } catch {
    return undefined;
  }
}
