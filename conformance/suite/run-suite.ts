/**
 * A whole conformance run: every adapter, in this process or each in a child
 * process watched from this one (`isolate`) — in each runtime of
 * `runtimes` (one report column per adapter and runtime) — into one report. Above the
 * engine (runner/run.ts) and the checks (properties/), which it brings
 * together.
 */
import type { AdapterReport, ConformanceReport } from '../../reports/conformance/model.ts';
import { reportPasses } from '../../reports/conformance/outcome.ts';
import { allChecks } from '../properties/index.ts';
import type { ResolvedAdapter } from '../adapter/under-test.ts';
import type { SuiteOptions } from '../runner/options.ts';
import { runAdapter } from '../runner/run.ts';
import { runAdapterIsolated } from './isolated.ts';
import { currentRuntime, currentRuntimeVersion, type RuntimeName } from '../adapter/runtime.ts';
import { runtimeLabel } from '../../reports/conformance/columns.ts';

/** Runs the suite against each adapter and returns the report (never throws for implementation faults). */
export async function runConformance(adapters: readonly ResolvedAdapter[], options: SuiteOptions): Promise<ConformanceReport> {
  const checks = options.checks ?? allChecks;
  const startedAt = new Date();
  const started = performance.now();
  const reports: AdapterReport[] = [];
  const here = currentRuntime();
  const runtimes = options.runtimes ?? [here];
  const labelled = runtimes.some((runtime) => runtime !== 'node');
  const label = (adapter: ResolvedAdapter, runtime: RuntimeName): string => (labelled ? runtimeLabel(adapter.name, runtime) : adapter.name);
  for (const adapter of adapters) {
    for (const runtime of runtimes) {
      if (options.isolate) {
        reports.push({ ...(await runAdapterIsolated(adapter, options, { runtime, label: label(adapter, runtime) })), column: label(adapter, runtime) });
      } else if (runtime === here) {
        reports.push({ ...(await runAdapter(adapter, checks, options)), runtime: { name: here, version: currentRuntimeVersion() }, column: label(adapter, runtime) });
      } else {
        throw new TypeError(`runConformance: runtime "${runtime}" needs isolate: true (the checks run in a child process of that runtime); this process is ${here}`);
      }
    }
  }
  return {
    tool: 'streamconform',
    version: options.version ?? '0.0.0',
    seed: options.seed,
    runs: options.runs,
    level: options.level,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    passed: reportPasses({ level: options.level, adapters: reports }),
    command: options.command ?? 'npx streamconform run',
    adapters: reports,
  };
}

