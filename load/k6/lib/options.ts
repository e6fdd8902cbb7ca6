/**
 * Builds k6 `options` for the selected scenarios and profile.
 * https://grafana.com/docs/k6/latest/using-k6/k6-options/
 */
import type { Options } from 'k6/options';
import { runSettings, selectedProfile } from './config.ts';
import { EXEC_NAMES } from './exec.ts';
import { executorFor } from './profiles.ts';
import type { ScenarioName } from './routes.ts';
import { thresholdsFor } from './thresholds.ts';
import { WORKLOADS } from './workloads.ts';

let built: Options | undefined;

/** The options this script built from its `__ENV` (in this VU's init code), for `setup` to compare with the ones in effect. */
export function builtOptions(): Options | undefined {
  return built;
}

export function buildOptions(scenarios: readonly ScenarioName[]): Options {
  const profile = selectedProfile();
  const settings = runSettings();
  const executors: NonNullable<Options['scenarios']> = {};
  for (const scenario of scenarios) {
    const executor = executorFor(profile, WORKLOADS[scenario].baseVus, {
      vusScale: settings.vusScale,
      ...(settings.hold !== undefined ? { hold: settings.hold } : {}),
      gracefulStop: scenario === 'slow' ? '90s' : '30s',
    });
    executors[scenario] = { ...executor, exec: EXEC_NAMES[scenario], tags: { profile } };
  }
  const options: Options = {
    scenarios: executors,
    thresholds: thresholdsFor(scenarios, settings),
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'],
    // The target is local or in-cluster: no proxies, no TLS, keep-alive on.
    noConnectionReuse: false,
  };
  // A copy: k6 writes the consolidated options back into the exported object.
  built = JSON.parse(JSON.stringify(options)) as Options;
  return options;
}
