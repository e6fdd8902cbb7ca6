/**
 * `streamconform load run`: start the target, run k6 against it, sample the
 * target's `/metrics` meanwhile, collect k6's summaries and `--out json`
 * stream, render the load report.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../conformance/cli/package-root.ts';
import type { MetricSpec } from '../../reports/load/index.ts';
import { assembleLoadReport } from './assemble.ts';
import { locateK6 } from './k6-binary.ts';
import { startSampler } from './sampler.ts';
import { startTargetProcess, type TargetProcess } from './target-process.ts';

/** Where the CLI writes its output (tests capture it). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface LoadRunOptions {
  /** `reference` or an adapter module path; or `target` instead. */
  adapter?: string;
  /** A running `load serve` target's base URL (no target is started). */
  target?: string;
  scenario: string;
  profile: string;
  reportDir: string;
  sampleIntervalMs: number;
  baseline?: string;
  metrics?: MetricSpec[];
  tolerance: number;
  /** Extra arguments for `k6 run` (before the script). */
  k6Args: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * The k6 entry script that picks the scenario and profile from `__ENV`. k6
 * runs the TypeScript itself, so it is shipped as source (`load/k6/` at the
 * package's root), not built.
 */
export const K6_MAIN_SCRIPT = join(PACKAGE_ROOT, 'load/k6/main.ts');

/** Raw results of a run, beside the reports. */
export function rawFiles(reportDir: string): Record<'dir' | 'summary' | 'summaryExport' | 'ndjson' | 'server' | 'stdout' | 'stderr', string> {
  const dir = join(reportDir, 'load-run');
  return {
    dir,
    summary: join(dir, 'summary.json'),
    summaryExport: join(dir, 'summary-export.json'),
    ndjson: join(dir, 'metrics.ndjson'),
    server: join(dir, 'server-metrics.ndjson'),
    stdout: join(dir, 'k6-stdout.txt'),
    stderr: join(dir, 'k6-stderr.txt'),
  };
}

async function preflight(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return `GET ${url}/metrics answered ${response.status}; is it a streamconform load target (streamconform load serve)?`;
    const body = (await response.json()) as { streams?: unknown };
    if (typeof body.streams !== 'object') return `GET ${url}/metrics is not a load target's /metrics (no "streams"); start one with streamconform load serve`;
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `cannot reach the load target at ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
  }
}

function runK6(k6: string, args: string[], files: ReturnType<typeof rawFiles>, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(k6, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, K6_NO_USAGE_REPORT: 'true' } });
    const out = createWriteStream(files.stdout);
    const err = createWriteStream(files.stderr);
    child.stdout.on('data', (chunk: Buffer) => {
      out.write(chunk);
      io.stdout(chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.write(chunk);
      io.stderr(chunk.toString('utf8'));
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      out.end();
      err.end();
      resolvePromise(code ?? (signal ? 128 : 1));
    });
  });
}

/** Runs the whole pipeline; returns the exit code (0 pass, 1 thresholds crossed or regression, 2 usage or tool error). */
export async function runLoad(options: LoadRunOptions, io: CliIo): Promise<number> {
  const env = options.env ?? process.env;
  const located = locateK6(env);
  if (!located.found) {
    io.stderr(`streamconform load run: ${located.problem}\n`);
    return 2;
  }
  const k6 = located.path;
  const files = rawFiles(options.reportDir);
  let target: TargetProcess | undefined;
  let baseUrl: string;
  if (options.target !== undefined) {
    baseUrl = options.target.replace(/\/+$/, '');
  } else {
    try {
      target = await startTargetProcess(options.adapter!);
    } catch (error) {
      io.stderr(`streamconform load run: ${(error as Error).message}\n`);
      return 2;
    }
    baseUrl = target.url;
  }
  try {
    const unreachable = await preflight(baseUrl);
    if (unreachable) {
      io.stderr(`streamconform load run: ${unreachable}\n`);
      return 2;
    }
    await mkdir(files.dir, { recursive: true });
    for (const file of [files.summary, files.summaryExport, files.ndjson, files.server]) await rm(file, { force: true });
    const args = [
      'run',
      '--summary-export', files.summaryExport,
      '--out', `json=${files.ndjson}`,
      '-e', `BASE_URL=${baseUrl}`,
      '-e', `SCENARIO=${options.scenario}`,
      '-e', `PROFILE=${options.profile}`,
      '-e', `OUT_DIR=${files.dir}`,
      ...options.k6Args,
      K6_MAIN_SCRIPT,
    ];
    io.stdout(
      `load target ${baseUrl}${target ? ` (adapter ${options.adapter}, pid ${target.pid})` : ''}\nk6 ${k6} (from ${located.from})\n$ ${[k6, ...args].join(' ')}\n`,
    );
    const sampler = startSampler(baseUrl, options.sampleIntervalMs);
    let k6ExitCode: number;
    try {
      k6ExitCode = await runK6(k6, args, files, io, env);
    } finally {
      const samples = await sampler.stop();
      await writeFile(files.server, samples.map((sample) => JSON.stringify(sample)).join('\n') + (samples.length ? '\n' : ''));
    }
    const summary = existsSync(files.summary) ? files.summary : existsSync(files.summaryExport) ? files.summaryExport : undefined;
    if (!summary) {
      io.stderr(`streamconform load run: k6 exited with code ${k6ExitCode} and wrote no summary (looked for ${files.summary} and ${files.summaryExport}); see ${files.stderr}\n`);
      return 2;
    }
    const source = options.adapter !== undefined ? `--adapter ${options.adapter}` : `--target ${options.target}`;
    const report = await assembleLoadReport(
      {
        summary,
        ...(existsSync(files.ndjson) ? { ndjson: files.ndjson } : {}),
        serverSamples: files.server,
        ...(options.baseline ? { baseline: options.baseline, tolerance: options.tolerance } : {}),
        ...(options.metrics ? { metrics: options.metrics } : {}),
        info: {
          ...(options.adapter !== undefined ? { adapter: options.adapter } : {}),
          scenario: options.scenario,
          profile: options.profile,
          baseUrl,
          command: `npx streamconform load run ${source} --scenario ${options.scenario} --profile ${options.profile}`,
          k6ExitCode,
        },
      },
      resolve(options.reportDir),
    );
    io.stdout(`wrote ${report.files.join(', ')} (raw results in ${files.dir})\n`);
    for (const line of report.failedThresholds) io.stderr(`threshold crossed: ${line}\n`);
    for (const line of report.regressions) io.stderr(`${line}\n`);
    if (k6ExitCode !== 0 && k6ExitCode !== 99) {
      io.stderr(`streamconform load run: k6 exited with code ${k6ExitCode}; see ${files.stderr}\n`);
      return 2;
    }
    return k6ExitCode === 99 || report.failedThresholds.length > 0 || report.regressions.length > 0 ? 1 : 0;
  } finally {
    await target?.stop();
  }
}
