/**
 * `npm run bench` (issues 6 and 14): raw node:http (one write per event and
 * batched), the API floor, the reference's two paths and Hono, printed as a
 * table with the targets' verdicts and written to
 * `reports/bench/out/bench.json` and `bench.md`.
 *
 *   npm run bench -- [--runs N] [--quick] [--servers raw,reference,…] [--suite-runs N]
 *                    [--no-conformance] [--no-browser] [--no-pin] [--out DIR] [--check]
 *
 * Exit 0 when the bench ran (1 with `--check` and a missed target), 2 for a
 * bad command line or a bench that could not run.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, QUICK_CONFIG, type BenchConfig } from './config.ts';
import { isServerKind, SERVER_KINDS, type ServerKind } from './protocol.ts';
import { OpenFileLimitError } from './file-limit.ts';
import { runBench } from './run-bench.ts';
import { renderBenchText, writeBenchReports } from '../../reports/bench/index.ts';

const USAGE = `usage: npm run bench -- [options]
  --runs N           alternating runs (default ${DEFAULT_CONFIG.runs}; medians are over them)
  --quick            tiny sizes, 1 run, no conformance timing (a smoke run, seconds)
  --servers LIST     comma-separated, from ${SERVER_KINDS.join(', ')} (raw and raw-batched, the anchors, are always included)
  --suite-runs N     timed --level should runs of the suite, a seed each (default ${DEFAULT_CONFIG.conformance.shouldRuns})
  --no-conformance   do not time the conformance suite
  --no-browser       time the suite without --browser only
  --no-pin           do not pin servers and client to separate cores
  --out DIR          where bench.json and bench.md go (default reports/bench/out)
  --check            exit 1 when a target is missed`;

/** A bad command line: exit 2 with the message and the usage. */
class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
  readonly code = 'USAGE';
}

/** The servers every run includes: the baselines of the ratios. */
const ANCHORS: readonly ServerKind[] = ['raw', 'raw-batched'];

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new BenchUsageError(`${flag} must be a positive integer, got ${JSON.stringify(text)}`);
  return value;
}

/** Parses `argv` into a config and the output directory. */
export function parseBenchArguments(argv: string[]): { config: BenchConfig; out: string; check: boolean } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        runs: { type: 'string' },
        quick: { type: 'boolean' },
        servers: { type: 'string' },
        'suite-runs': { type: 'string' },
        'no-conformance': { type: 'boolean' },
        'no-browser': { type: 'boolean' },
        'no-pin': { type: 'boolean' },
        out: { type: 'string' },
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const base = values.quick ? QUICK_CONFIG : DEFAULT_CONFIG;
  const config: BenchConfig = { ...base, conformance: { ...base.conformance }, servers: [...base.servers] };
  if (values.runs !== undefined) config.runs = positiveInteger('--runs', values.runs);
  if (values['suite-runs'] !== undefined) config.conformance.shouldRuns = positiveInteger('--suite-runs', values['suite-runs']);
  if (values.servers !== undefined) {
    const names = values.servers.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => !isServerKind(name));
    if (unknown.length > 0) throw new BenchUsageError(`--servers: unknown ${unknown.map((n) => JSON.stringify(n)).join(', ')}; expected ${SERVER_KINDS.join(', ')}`);
    config.servers = [...ANCHORS, ...(names as ServerKind[]).filter((name) => !ANCHORS.includes(name))];
  }
  if (values['no-conformance']) config.conformance = { should: false, shouldRuns: 0, browser: false };
  if (values['no-browser']) config.conformance.browser = false;
  if (values['no-pin']) config.pin = false;
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  return { config, out: resolve(values.out ?? resolve(projectRoot, 'reports/bench/out')), check: values.check ?? false };
}

/** Runs the bench CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseBenchArguments(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let report;
  try {
    report = await runBench(parsed.config, (line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    if (!(error instanceof OpenFileLimitError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  process.stdout.write(`\n${renderBenchText(report)}`);
  const written = await writeBenchReports(report, parsed.out);
  process.stdout.write(`\nwrote ${written.json} and ${written.markdown}\n`);
  return parsed.check && report.targets.some((target) => !target.met) ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
