/**
 * `streamconform run`: the suite against one or more adapters, reports in
 * `--report-dir`, exit 0 when every requirement at the level passed (or, with
 * `--expect`, when nothing unexpected happened), 1 otherwise, 2 for a bad
 * command line, an adapter that cannot be loaded or a process for the checks
 * that cannot be started.
 */
import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { AdapterLoadError } from '../adapter/contract.ts';
import { loadAdapter } from '../adapter/load.ts';
import type { ResolvedAdapter } from '../adapter/under-test.ts';
import { parseIdGlobs } from '../runner/id-glob.ts';
import { ChildStartError } from '../suite/isolated.ts';
import { findRuntime, RuntimeNotFoundError } from '../suite/runtimes.ts';
import { RUNTIMES, type RuntimeName } from '../adapter/runtime.ts';
import { DEFAULT_TIMEOUT_MS, type ProgressEvent } from '../runner/options.ts';
import { runConformance } from '../suite/run-suite.ts';
import type { Profile } from '../requirements/types.ts';
import { hasHarnessErrors, writeConformanceReports } from '../../reports/conformance/index.ts';
import type { ConformanceReport, Verdict } from '../../reports/conformance/model.ts';
import { renderSummary } from './summary.ts';
import { UsageError } from './usage-error.ts';
import { version } from './version.ts';

export const RUN_USAGE = `usage: streamconform run --adapter <module|reference> [--adapter …] [options]

  --adapter <module|reference>  implementation under test (.ts .mts .js .mjs, default export
                                defineAdapter({...})); repeat for a matrix
  --runtime node|bun|deno       runtime the implementation and its checks run in (default node;
                                the harness stays on Node); repeat for a matrix column per runtime
  --report-dir DIR              where reports go (default reports/out)
  --level must|should           what fails the run (default must; a failed SHOULD is non-strict)
  --runs N                      fast-check runs per property (default 100)
  --seed N                      fast-check seed (default: random, printed)
  --only ID-GLOB                only these requirements, e.g. SSE-* or CLOSE-00? (repeat or comma-separate)
  --browser                     also run the BROWSER profile in headless Chromium
  --no-wire                     skip the WIRE profile (real sockets)
  --timeout MS                  per-check time limit (default ${DEFAULT_TIMEOUT_MS})
  --expect FILE                 gate on unexpected results only (web-platform-tests style)
  --write-expect FILE           record this run's verdicts as expectations
  --quiet                       no progress lines
`;

interface RunArguments {
  adapters: string[];
  runtimes: RuntimeName[];
  reportDir: string;
  level: 'must' | 'should';
  runs: number;
  seed: number;
  only: string[];
  profiles: Profile[];
  timeoutMs: number;
  expect?: string;
  writeExpect?: string;
  quiet: boolean;
}

/** The flags of `streamconform run` (README "2. Run the suite" lists each one). */
export const RUN_OPTIONS = {
  adapter: { type: 'string', multiple: true },
  runtime: { type: 'string', multiple: true },
  'report-dir': { type: 'string' },
  level: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  only: { type: 'string', multiple: true },
  browser: { type: 'boolean' },
  'no-wire': { type: 'boolean' },
  timeout: { type: 'string' },
  expect: { type: 'string' },
  'write-expect': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

export function parseRunArguments(argv: string[]): RunArguments | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: RUN_OPTIONS,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${RUN_USAGE}`);
  }
  const values = parsed.values;
  if (values.help) return 'help';
  if (!values.adapter || values.adapter.length === 0) {
    throw new UsageError(`--adapter is required (a module path, or "reference")\n\n${RUN_USAGE}`);
  }
  const runtimes: RuntimeName[] = [];
  for (const runtime of values.runtime ?? ['node']) {
    if (!(RUNTIMES as readonly string[]).includes(runtime)) {
      throw new UsageError(`--runtime must be one of ${RUNTIMES.join(', ')}, got "${runtime}"`);
    }
    if (!runtimes.includes(runtime as RuntimeName)) runtimes.push(runtime as RuntimeName);
  }
  const level = values.level ?? 'must';
  if (level !== 'must' && level !== 'should') throw new UsageError(`--level must be "must" or "should", got "${level}"`);
  const only = values.only ?? [];
  try {
    parseIdGlobs(only);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const profiles: Profile[] = ['in-process'];
  if (!values['no-wire']) profiles.push('wire');
  if (values.browser) profiles.push('browser');
  return {
    adapters: values.adapter,
    runtimes,
    reportDir: values['report-dir'] ?? 'reports/out',
    level,
    runs: integerFlag('--runs', values.runs, 100, 1),
    seed: integerFlag('--seed', values.seed, randomInt(0, 2 ** 31 - 1), -(2 ** 31)),
    only,
    profiles,
    timeoutMs: integerFlag('--timeout', values.timeout, DEFAULT_TIMEOUT_MS, 100),
    ...(values.expect ? { expect: values.expect } : {}),
    ...(values['write-expect'] ? { writeExpect: values['write-expect'] } : {}),
    quiet: values.quiet ?? false,
  };
}

function integerFlag(flag: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseRunArguments(argv);
  if (args === 'help') {
    process.stdout.write(RUN_USAGE);
    return 0;
  }
  const { readExpectations, applyExpectations, expectationsFromReport, writeExpectations } = await import(
    '../expectations/index.ts'
  );
  const expectations = args.expect ? await loadOrExit(() => readExpectations(args.expect!)) : undefined;
  if (expectations === null) return 2;

  if (args.profiles.includes('browser')) {
    const { assertBrowserAvailable } = await import('../browser/chromium.ts');
    try {
      await assertBrowserAvailable();
    } catch (error) {
      process.stderr.write(`streamconform run --browser: ${(error as Error).message}\n`);
      return 2;
    }
  }

  for (const runtime of args.runtimes) {
    try {
      findRuntime(runtime);
    } catch (error) {
      if (error instanceof RuntimeNotFoundError) {
        process.stderr.write(`streamconform run: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  }

  const adapters: ResolvedAdapter[] = [];
  for (const spec of args.adapters) {
    try {
      adapters.push(await loadAdapter(spec));
    } catch (error) {
      if (error instanceof AdapterLoadError) {
        process.stderr.write(`streamconform run: cannot load adapter ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  }

  const runtimeFlags = args.runtimes.length === 1 && args.runtimes[0] === 'node' ? [] : args.runtimes.map((r) => `--runtime ${r}`);
  const command = ['npx streamconform run', ...args.adapters.map((a) => `--adapter ${a}`), ...runtimeFlags, `--level ${args.level}`, `--runs ${args.runs}`, `--seed ${args.seed}`]
    .concat(args.only.map((o) => `--only ${o}`))
    .concat(args.profiles.includes('browser') ? ['--browser'] : [])
    .concat(args.profiles.includes('wire') ? [] : ['--no-wire'])
    .join(' ');
  process.stderr.write(`streamconform ${version}: seed ${args.seed}, ${args.runs} runs per property, level ${args.level}\n`);
  let report: ConformanceReport;
  try {
    report = await runConformance(adapters, {
      seed: args.seed,
      runs: args.runs,
      level: args.level,
      only: args.only,
      profiles: args.profiles,
      runtimes: args.runtimes,
      timeoutMs: args.timeoutMs,
      version,
      command,
      isolate: true,
      onProgress: args.quiet ? undefined : printProgress,
    });
  } catch (error) {
    if (error instanceof ChildStartError) {
      process.stderr.write(`streamconform run: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (expectations) {
    report = applyExpectations(report, expectations);
    for (const warning of report.expectationWarnings ?? []) process.stderr.write(`warning: ${args.expect}: ${warning}\n`);
  }
  const files = await writeConformanceReports(report, resolve(args.reportDir));
  if (args.writeExpect) {
    await writeExpectations(args.writeExpect, expectationsFromReport(report));
    process.stderr.write(`wrote expectations to ${args.writeExpect}\n`);
  }
  process.stdout.write(renderSummary(report));
  process.stdout.write(`reports: ${files.join(', ')}\n`);
  if (!report.passed) return 1;
  if (hasHarnessErrors(report)) {
    process.stderr.write('streamconform: the suite itself broke on some checks (HARNESS ERROR above): nothing failed, but not everything was judged. Please report it with the command and seed; exit 3.\n');
    return 3;
  }
  return 0;
}

async function loadOrExit<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    process.stderr.write(`streamconform run: ${(error as Error).message}\n`);
    return null;
  }
}

const MARK: Record<Verdict, string> = {
  ok: 'ok',
  failed: 'FAILED',
  'non-strict': 'NON-STRICT',
  skipped: 'skip',
  blocked: 'BLOCKED',
  unimplemented: 'UNIMPL',
  'harness-error': 'HARNESS-ERR',
};

function printProgress(event: ProgressEvent): void {
  if (event.kind === 'adapter-start') {
    process.stderr.write(`\n${event.adapter}: ${event.total} requirements\n`);
  } else if (event.kind === 'requirement-done') {
    const { result } = event;
    if (result.verdict === 'skipped') return;
    const counter = `[${String(event.index).padStart(3)}/${event.total}]`;
    process.stderr.write(`${counter} ${result.id.padEnd(11)} ${MARK[result.verdict].padEnd(11)} ${result.title} (${result.durationMs} ms)\n`);
    if (result.strayErrors?.length) process.stderr.write(`${' '.repeat(counter.length + 13)}(${result.strayErrors.length} stray error(s) seen here: judged by CLOSE-009)\n`);
  } else if (event.kind === 'requirement-revised') {
    const { result } = event;
    process.stderr.write(`[revised] ${result.id.padEnd(11)} ${MARK[result.verdict].padEnd(11)} ${result.title}: ${(result.message ?? '').split('\n')[0]}\n`);
  }
}
