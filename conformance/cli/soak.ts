/**
 * `streamconform soak` (`npm run soak`, issue 10): the main job —
 * `streamconform run --adapter reference --level should` unless told
 * otherwise — N times, each on a fresh random seed, one after the other;
 * optionally with a CPU hog on another core (`--load`). Prints each run's
 * seed, result and time, then the pass rate and, for every failing run, its
 * seed, the requirements that failed and their replay lines (read from the
 * run's `conformance.json`). Exit 0 only when every run passed, 1 otherwise,
 * 2 for a bad command line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { isBlocking } from '../../reports/conformance/outcome.ts';
import { parseRunArguments } from './run-command.ts';
import { UsageError } from './usage-error.ts';

export const DEFAULT_SOAK_RUNS = 30;
const DEFAULT_REPORT_DIR = 'reports/out/soak';
const BIN = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url));

export const SOAK_USAGE = `usage: streamconform soak [--runs-of N] [--load] [--report-dir DIR] [--keep-reports] [run options…]

Runs \`streamconform run\` N times, each on a fresh random seed, and reports the pass rate.

  --runs-of N        how many runs (default ${DEFAULT_SOAK_RUNS})
  --load             keep a CPU hog spinning on another core for the duration
                     (pinned with taskset when it is available)
  --report-dir DIR   where each run's reports go, in run-NN-seed-S/ (default ${DEFAULT_REPORT_DIR});
                     those of passing runs are removed unless --keep-reports
  --keep-reports     keep the reports of passing runs too
  run options        passed to every run (see \`streamconform run --help\`), e.g. --only WIRE-*,
                     --runs 50, --browser; default --adapter reference --level should.
                     Not --seed (each run gets its own) nor --report-dir of run (see above).
`;

export interface SoakArguments {
  runsOf: number;
  load: boolean;
  reportDir: string;
  keepReports: boolean;
  /** The arguments of every `streamconform run`, without `--seed`, `--report-dir` and `--quiet`. */
  runArgs: string[];
}

/** Parses `argv`: the soak's own flags, everything else passed through to `run` (validated as `run` would). */
export function parseSoakArguments(argv: readonly string[]): SoakArguments | 'help' {
  let runsOf = DEFAULT_SOAK_RUNS;
  let load = false;
  let keepReports = false;
  let reportDir = DEFAULT_REPORT_DIR;
  const runArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value\n\n${SOAK_USAGE}`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--runs-of': {
        const raw = value();
        runsOf = Number(raw);
        if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(runsOf) || runsOf < 1) throw new UsageError(`--runs-of must be an integer ≥ 1, got "${raw}"`);
        break;
      }
      case '--load':
        load = true;
        break;
      case '--keep-reports':
        keepReports = true;
        break;
      case '--report-dir':
        reportDir = value();
        break;
      case '--seed':
        throw new UsageError('--seed cannot be given to soak: each run gets a fresh random seed (replay one run with `streamconform run --seed S`)');
      case '--quiet':
        break; // every run is quiet anyway
      case '--':
        break;
      default:
        runArgs.push(arg);
    }
  }
  if (!runArgs.some((arg) => arg === '--adapter' || arg.startsWith('--adapter='))) runArgs.unshift('--adapter', 'reference');
  if (!runArgs.some((arg) => arg === '--level' || arg.startsWith('--level='))) runArgs.push('--level', 'should');
  if (parseRunArguments([...runArgs, '--seed', '0']) === 'help') return 'help';
  return { runsOf, load, reportDir, keepReports, runArgs };
}

/** A requirement that failed in one run. */
export interface SoakFailure {
  id: string;
  adapter: string;
  /** The first line of its message. */
  message: string;
  replay: string | undefined;
  /** It failed but does not fail the run (a SHOULD at level must). */
  blocking: boolean;
}

/** What one run came to. */
export interface SoakRunOutcome {
  seed: number;
  /** `pass`, `fail` (a requirement failed) or `error` (no report: the run could not run). */
  result: 'pass' | 'fail' | 'error';
  exitCode: number | null;
  durationMs: number;
  failures: SoakFailure[];
  /** The command that replays the whole run (from the report), when there is one. */
  command: string | undefined;
  /** Why a run that errored did (its error output's last lines). */
  error?: string;
  reportDir: string;
}

/** The outcome of a run from its exit code and report (`undefined`: none was written). */
export function outcomeOf(seed: number, exitCode: number | null, durationMs: number, report: ConformanceReport | undefined, reportDir: string, stderr: string): SoakRunOutcome {
  if (report === undefined || (exitCode !== 0 && exitCode !== 1)) {
    const lines = stderr.trim().split('\n').filter((line) => line.trim() !== '');
    return {
      seed,
      result: 'error',
      exitCode,
      durationMs,
      failures: [],
      command: report?.command,
      error: lines.slice(-5).join('\n') || `exit code ${exitCode}, no report`,
      reportDir,
    };
  }
  const failures: SoakFailure[] = [];
  for (const adapter of report.adapters) {
    for (const result of adapter.requirements) {
      if (result.status !== 'fail') continue;
      failures.push({
        id: result.id,
        adapter: adapter.name,
        message: (result.message ?? '').split('\n')[0]!,
        replay: result.counterexample?.replay,
        blocking: isBlocking(result, report.level),
      });
    }
  }
  return { seed, result: report.passed && exitCode === 0 ? 'pass' : 'fail', exitCode, durationMs, failures, command: report.command, reportDir };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** One line per run: `run  3/30  seed 1492584226  FAIL   19.8 s  WIRE-004`. */
export function renderRunLine(outcome: SoakRunOutcome, index: number, total: number): string {
  const width = String(total).length;
  const head = `run ${String(index).padStart(width)}/${total}  seed ${String(outcome.seed).padStart(10)}  ${outcome.result.toUpperCase().padEnd(5)} ${seconds(outcome.durationMs).padStart(8)}`;
  if (outcome.result === 'error') return `${head}  exit ${outcome.exitCode}: ${outcome.error!.split('\n').at(-1)}`;
  const ids = outcome.failures.filter((failure) => failure.blocking).map((failure) => failure.id);
  return ids.length === 0 ? head : `${head}  ${[...new Set(ids)].join(', ')}`;
}

/** The pass rate, then every failing run with its seed, what failed and the replay lines. */
export function renderSoakSummary(outcomes: readonly SoakRunOutcome[], totalMs: number): string {
  const passed = outcomes.filter((outcome) => outcome.result === 'pass').length;
  const failed = outcomes.filter((outcome) => outcome.result === 'fail').length;
  const errored = outcomes.length - passed - failed;
  const rate = outcomes.length === 0 ? 0 : (100 * passed) / outcomes.length;
  const lines = [
    '',
    `${passed}/${outcomes.length} runs passed (pass rate ${rate.toFixed(1)}%)` +
      `${failed > 0 ? `, ${failed} failed` : ''}${errored > 0 ? `, ${errored} could not run` : ''}; ${(totalMs / 60_000).toFixed(1)} min in all`,
  ];
  const bad = outcomes.filter((outcome) => outcome.result !== 'pass');
  if (bad.length > 0) lines.push('', 'failing seeds:');
  for (const outcome of bad) {
    if (outcome.result === 'error') {
      lines.push(`  seed ${outcome.seed}: the run could not run (exit ${outcome.exitCode})`);
      for (const line of outcome.error!.split('\n')) lines.push(`    ${line}`);
    } else {
      const ids = [...new Set(outcome.failures.filter((failure) => failure.blocking).map((failure) => failure.id))];
      lines.push(`  seed ${outcome.seed}: ${ids.join(', ') || 'failed'} (reports: ${outcome.reportDir})`);
      for (const failure of outcome.failures) {
        const note = failure.blocking ? '' : ' (does not fail the run)';
        lines.push(`    ${failure.adapter} ${failure.id}${note}: ${truncate(failure.message, 240)}`);
        if (failure.replay !== undefined) lines.push(`      replay: ${failure.replay}`);
      }
    }
    if (outcome.command !== undefined) lines.push(`    replay the whole run: ${outcome.command}`);
  }
  return lines.join('\n') + '\n';
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Runs `streamconform run` once on `seed`, its reports in `reportDir`. */
async function runOnce(args: SoakArguments, seed: number, reportDir: string): Promise<SoakRunOutcome> {
  await rm(reportDir, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'run', ...args.runArgs, '--seed', String(seed), '--report-dir', reportDir, '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout.resume(); // the summary is in the report
  child.stderr.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-20_000)));
  const exitCode = await new Promise<number | null>((resolveExit) => {
    child.on('error', (error) => {
      stderr += `\n${error.message}`;
      resolveExit(null);
    });
    child.on('close', (code) => resolveExit(code));
  });
  const durationMs = performance.now() - started;
  let report: ConformanceReport | undefined;
  try {
    report = JSON.parse(await readFile(join(reportDir, 'conformance.json'), 'utf8')) as ConformanceReport;
  } catch {
    report = undefined;
  }
  return outcomeOf(seed, exitCode, durationMs, report, reportDir, stderr);
}

/** A child spinning on one core, pinned with taskset when it is there. */
interface CpuHog {
  child: ChildProcess;
  description: string;
}

function startCpuHog(): CpuHog {
  const core = availableParallelism() - 1;
  const spin = [process.execPath, '-e', 'for (;;) {}'];
  const taskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
  const child = taskset ? spawn('taskset', ['-c', String(core), ...spin], { stdio: 'ignore' }) : spawn(spin[0]!, spin.slice(1), { stdio: 'ignore' });
  child.on('error', () => {});
  return { child, description: taskset ? `a CPU hog (pid ${child.pid}) pinned to core ${core} with taskset` : `a CPU hog (pid ${child.pid}), not pinned (no taskset)` };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseSoakArguments(argv);
  if (args === 'help') {
    process.stdout.write(SOAK_USAGE);
    return 0;
  }
  const base = resolve(args.reportDir);
  await mkdir(base, { recursive: true });
  const hog = args.load ? startCpuHog() : undefined;
  const stopHog = (): void => {
    if (hog !== undefined && hog.child.exitCode === null && hog.child.signalCode === null) hog.child.kill('SIGKILL');
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    stopHog();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const outcomes: SoakRunOutcome[] = [];
  const started = performance.now();
  try {
    process.stdout.write(
      `soak: ${args.runsOf} runs of \`streamconform run ${args.runArgs.join(' ')}\`, each on a fresh seed; load: ${hog?.description ?? 'none'}\n`,
    );
    const width = String(args.runsOf).length;
    for (let index = 1; index <= args.runsOf; index++) {
      const seed = randomInt(0, 2 ** 31 - 1);
      const dir = join(base, `run-${String(index).padStart(width, '0')}-seed-${seed}`);
      const outcome = await runOnce(args, seed, dir);
      outcomes.push(outcome);
      if (outcome.result === 'pass' && !args.keepReports) await rm(dir, { recursive: true, force: true });
      process.stdout.write(renderRunLine(outcome, index, args.runsOf) + '\n');
    }
  } finally {
    stopHog();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  process.stdout.write(renderSoakSummary(outcomes, performance.now() - started));
  return outcomes.every((outcome) => outcome.result === 'pass') ? 0 : 1;
}
