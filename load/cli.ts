/**
 * `streamconform load <serve|run|report|scenarios> ...`: the load-testing
 * commands. `main(argv)` returns the exit code: 0 passed, 1 a threshold was
 * crossed or a metric regressed against the baseline, 2 usage error or a file,
 * metric or target that cannot be used (the message says which and why).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { AdapterLoadError } from '../conformance/adapter/contract.ts';
import { loadAdapter } from '../conformance/adapter/load.ts';
import { LoadReportError, parseMetricSpec, parseTolerance, type MetricSpec } from '../reports/load/index.ts';
import { isProfileName, PROFILE_NAMES } from './k6/lib/profiles.ts';
import { ROUTES, SCENARIO_NAMES } from './k6/lib/routes.ts';
import { assembleLoadReport } from './run/assemble.ts';
import { runLoad, type CliIo } from './run/run.ts';
import { LoadTargetError, startLoadTarget } from './serve/target.ts';

export type { CliIo } from './run/run.ts';

const USAGE = `usage:
  streamconform load serve  --adapter <module|reference> [--port P] [--host H]
  streamconform load run    (--adapter <module|reference> | --target URL) --scenario S --profile P
                            [--report-dir DIR] [--sample-interval MS] [--k6-arg ARG]...
                            [--baseline FILE [--metric NAME:STAT]... [--tolerance 10%]]
  streamconform load report --summary FILE [--ndjson FILE] [--server-metrics FILE] [--report-dir DIR]
                            [--baseline FILE [--metric NAME:STAT]... [--tolerance 10%]]
  streamconform load scenarios
scenarios: ${SCENARIO_NAMES.join(', ')}, all
profiles:  ${PROFILE_NAMES.join(', ')}
exit: 0 passed · 1 threshold crossed or metric regressed · 2 usage error, bad file or metric, unreachable target, no k6`;

/** A bad command line; exit 2 with the message and the usage. */
class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'USAGE';
}

const defaultIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export interface MainOptions {
  io?: CliIo;
  /** `serve` stops when this aborts (default: SIGINT / SIGTERM). */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message);
  }
}

function integerFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${name} ${JSON.stringify(raw)} must be an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

function waitForStop(signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise) => {
    if (signal) {
      if (signal.aborted) resolvePromise();
      signal.addEventListener('abort', () => resolvePromise(), { once: true });
      return;
    }
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolvePromise();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function serve(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const values = parse(argv, { adapter: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } });
  if (values.adapter === undefined) throw new UsageError('--adapter is required (reference, or the path of an adapter module)');
  const port = integerFlag('port', values.port, 0, 65535);
  const adapter = await loadAdapter(values.adapter);
  const target = await startLoadTarget(adapter, {
    ...(port !== undefined ? { port } : {}),
    ...(values.host !== undefined ? { hostname: values.host } : {}),
  });
  io.stdout(`load target listening on ${target.url} (adapter ${adapter.name}, pid ${process.pid})\n`);
  for (const [scenario, route] of Object.entries(ROUTES)) {
    io.stdout(`  ${scenario.padEnd(15)} GET ${target.url}${route.path}?${route.params.map((p) => `${p}=${route.defaults[p]}`).join('&')}\n`);
  }
  io.stdout(`  ${'metrics'.padEnd(15)} GET ${target.url}/metrics\n`);
  await waitForStop(signal);
  await target.close();
  return 0;
}

function baselineOptions(values: { baseline?: string; metric?: string[]; tolerance?: string }): {
  baseline?: string;
  metrics?: MetricSpec[];
  tolerance: number;
} {
  if (values.baseline === undefined && (values.metric !== undefined || values.tolerance !== undefined)) {
    throw new UsageError(`--${values.metric !== undefined ? 'metric' : 'tolerance'} needs --baseline FILE`);
  }
  return {
    ...(values.baseline !== undefined ? { baseline: resolve(values.baseline) } : {}),
    ...(values.metric !== undefined ? { metrics: values.metric.map(parseMetricSpec) } : {}),
    tolerance: values.tolerance !== undefined ? parseTolerance(values.tolerance) : 0.1,
  };
}

const BASELINE_FLAGS = {
  baseline: { type: 'string' },
  metric: { type: 'string', multiple: true },
  tolerance: { type: 'string' },
} as const;

async function run(argv: string[], io: CliIo, env?: NodeJS.ProcessEnv): Promise<number> {
  const values = parse(argv, {
    adapter: { type: 'string' },
    target: { type: 'string' },
    scenario: { type: 'string' },
    profile: { type: 'string' },
    'report-dir': { type: 'string' },
    'sample-interval': { type: 'string' },
    'k6-arg': { type: 'string', multiple: true },
    ...BASELINE_FLAGS,
  });
  if ((values.adapter === undefined) === (values.target === undefined)) {
    throw new UsageError('give exactly one of --adapter <module|reference> (a target is started) or --target URL (a running load serve)');
  }
  if (values.target !== undefined && !/^https?:\/\/[^/\s]+/.test(values.target)) {
    throw new UsageError(`--target ${JSON.stringify(values.target)} is not an http(s) URL`);
  }
  const scenario = values.scenario;
  if (scenario === undefined || !(SCENARIO_NAMES as readonly string[]).concat('all').includes(scenario)) {
    throw new UsageError(`--scenario ${scenario === undefined ? 'is required' : JSON.stringify(scenario) + ' is unknown'}; one of ${SCENARIO_NAMES.join(', ')}, all`);
  }
  const profile = values.profile;
  if (profile === undefined || !isProfileName(profile)) {
    throw new UsageError(`--profile ${profile === undefined ? 'is required' : JSON.stringify(profile) + ' is unknown'}; one of ${PROFILE_NAMES.join(', ')}`);
  }
  const sampleIntervalMs = integerFlag('sample-interval', values['sample-interval'], 50, 600_000) ?? 1000;
  return runLoad(
    {
      ...(values.adapter !== undefined ? { adapter: values.adapter } : {}),
      ...(values.target !== undefined ? { target: values.target } : {}),
      scenario,
      profile,
      reportDir: values['report-dir'] ?? 'reports/out',
      sampleIntervalMs,
      k6Args: values['k6-arg'] ?? [],
      ...baselineOptions(values),
      ...(env ? { env } : {}),
    },
    io,
  );
}

async function report(argv: string[], io: CliIo): Promise<number> {
  const values = parse(argv, {
    summary: { type: 'string' },
    ndjson: { type: 'string' },
    'server-metrics': { type: 'string' },
    'report-dir': { type: 'string' },
    ...BASELINE_FLAGS,
  });
  if (values.summary === undefined) {
    throw new UsageError('--summary FILE is required (k6 --summary-export, handleSummary JSON, or --new-machine-readable-summary)');
  }
  const result = await assembleLoadReport(
    {
      summary: values.summary,
      ...(values.ndjson !== undefined ? { ndjson: values.ndjson } : {}),
      ...(values['server-metrics'] !== undefined ? { serverSamples: values['server-metrics'] } : {}),
      ...baselineOptions(values),
    },
    resolve(values['report-dir'] ?? 'reports/out'),
  );
  io.stdout(`wrote ${result.files.join(', ')}\n`);
  for (const line of result.failedThresholds) io.stderr(`threshold crossed: ${line}\n`);
  for (const line of result.regressions) io.stderr(`${line}\n`);
  return result.failedThresholds.length > 0 || result.regressions.length > 0 ? 1 : 0;
}

function scenarios(argv: string[], io: CliIo): number {
  parse(argv, {});
  for (const [scenario, route] of Object.entries(ROUTES)) {
    io.stdout(`${scenario.padEnd(15)} GET ${route.path}  (${route.params.join(', ')})  ${route.api}\n${' '.repeat(16)}${route.description}\n`);
  }
  return 0;
}

/**
 * Runs `streamconform load <sub> ...argv` (argv excludes `load`); returns the exit code.
 */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const io = options.io ?? defaultIo;
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'serve':
        return await serve(rest, io, options.signal);
      case 'run':
        return await run(rest, io, options.env);
      case 'report':
        return await report(rest, io);
      case 'scenarios':
        return scenarios(rest, io);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io[sub === undefined ? 'stderr' : 'stdout'](`${USAGE}\n`);
        return sub === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown subcommand ${JSON.stringify(sub)}; one of serve, run, report, scenarios`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`streamconform load: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof LoadReportError || error instanceof AdapterLoadError || error instanceof LoadTargetError) {
      io.stderr(`streamconform load: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
