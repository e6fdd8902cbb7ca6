/**
 * Run configuration from `__ENV` (k6 `-e NAME=value`): the target's base URL
 * (no host is hard-coded), the scenario, the profile, and optional overrides.
 *
 * - `BASE_URL` (required): e.g. `http://127.0.0.1:8080` — a `streamconform load serve` target.
 * - `SCENARIO`: one of the route scenarios or `all` (default `all`).
 * - `PROFILE`: smoke | load | stress | spike | soak (default `smoke`).
 * - `VUS`: scales every profile's VU counts (default 1). `DURATION`: the hold time.
 * - `COUNT`, `INTERVAL`, `SIZE`: override the route parameters of every scenario.
 * - `OUT_DIR`: where `handleSummary` writes `summary.json` (default `.`; `SUMMARY_JSON=0` writes none).
 *
 * k6 computes `options` once: for `k6 archive` (and `k6 cloud run`, which
 * archives) when the archive is made. SCENARIO, PROFILE and
 * {@link OPTION_SETTINGS} belong on the `k6 archive` command line; `setup`
 * stops a run whose options differ from what its `-e` settings ask.
 */
import { isProfileName, PROFILE_NAMES, type ProfileName } from './profiles.ts';
import { SCENARIO_NAMES, type ScenarioName } from './routes.ts';
import type { RunSettings } from './workloads.ts';

/**
 * Besides SCENARIO and PROFILE, the settings that go into `options` (VU counts,
 * hold time, thresholds). They must be given to `k6 archive`, not to the run
 * of an archive; `BASE_URL`, `OUT_DIR` and `SUMMARY_JSON` are read at run time.
 */
export const OPTION_SETTINGS = ['VUS', 'DURATION', 'COUNT', 'INTERVAL', 'SIZE'] as const;

function env(name: string): string | undefined {
  const value = __ENV[name];
  return value === undefined || value === '' ? undefined : value;
}

function numberEnv(name: string): number | undefined {
  const raw = env(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`-e ${name}=${JSON.stringify(raw)} must be a non-negative number`);
  return value;
}

/** The target's base URL, without a trailing slash. */
export function baseUrl(): string {
  const url = env('BASE_URL');
  if (url === undefined) {
    throw new Error('BASE_URL is not set: run k6 with -e BASE_URL=http://host:port (a streamconform load serve target)');
  }
  return url.replace(/\/+$/, '');
}

export function selectedProfile(): ProfileName {
  const profile = env('PROFILE') ?? 'smoke';
  if (!isProfileName(profile)) throw new Error(`-e PROFILE=${JSON.stringify(profile)} is unknown; one of ${PROFILE_NAMES.join(', ')}`);
  return profile;
}

/** The scenarios to run: `SCENARIO` (default `all`), or `fixed` when a scenario file runs on its own. */
export function selectedScenarios(fixed?: ScenarioName): ScenarioName[] {
  if (fixed) return [fixed];
  const scenario = env('SCENARIO') ?? 'all';
  if (scenario === 'all') return [...SCENARIO_NAMES];
  if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
    throw new Error(`-e SCENARIO=${JSON.stringify(scenario)} is unknown; one of ${SCENARIO_NAMES.join(', ')}, all`);
  }
  return [scenario as ScenarioName];
}

export function runSettings(): RunSettings {
  const settings: RunSettings = { vusScale: numberEnv('VUS') ?? 1 };
  const hold = env('DURATION');
  if (hold !== undefined) settings.hold = hold;
  const count = numberEnv('COUNT');
  if (count !== undefined) settings.count = count;
  const interval = numberEnv('INTERVAL');
  if (interval !== undefined) settings.interval = interval;
  const size = numberEnv('SIZE');
  if (size !== undefined) settings.size = size;
  return settings;
}

/** Where `handleSummary` writes `summary.json`, or undefined when `SUMMARY_JSON=0`. */
export function summaryJsonPath(): string | undefined {
  if (env('SUMMARY_JSON') === '0') return undefined;
  return `${(env('OUT_DIR') ?? '.').replace(/\/+$/, '')}/summary.json`;
}
