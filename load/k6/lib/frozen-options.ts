/**
 * A k6 archive keeps the `options` computed when `k6 archive` ran: `-e
 * SCENARIO=… -e PROFILE=…` given to `k6 run archive.tar` (or in a k6-operator
 * TestRun's `arguments`) reach the script's `__ENV` but change no scenario,
 * executor or threshold. Silently running other scenarios than asked is worse
 * than not running, so `setup` compares the options in effect (k6's
 * `exec.test.options`) with the options this run's `__ENV` asks for, and
 * stops the run naming the difference. No k6 imports.
 *
 * https://grafana.com/docs/k6/latest/misc/archive/
 */
import type { Options } from 'k6/options';
import { SCENARIO_NAMES } from './routes.ts';

/** `1h2m3.5s`, `500ms`, `2m0s` (as k6 writes durations back) or a number of ms → ms. */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '') return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 0.000001 };
  let total = 0;
  let rest = value;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}

interface ScenarioLike {
  executor?: unknown;
  tags?: unknown;
  vus?: unknown;
  duration?: unknown;
  stages?: unknown;
}

/** The parts of one scenario that `-e` settings decide, durations as ms, in a comparable string. */
function shape(scenario: ScenarioLike): string {
  const stages = Array.isArray(scenario.stages)
    ? (scenario.stages as Array<Record<string, unknown>>).map((stage) => `${durationMs(stage.duration)}ms→${String(stage.target)}`).join(', ')
    : undefined;
  const tags = (scenario.tags ?? {}) as Record<string, unknown>;
  const parts = [
    `${String(scenario.executor)}`,
    `profile ${String(tags.profile)}`,
    scenario.vus !== undefined && scenario.vus !== null ? `${String(scenario.vus)} VUs` : undefined,
    scenario.duration !== undefined && scenario.duration !== null ? `for ${durationMs(scenario.duration)}ms` : undefined,
    stages !== undefined ? `stages ${stages}` : undefined,
  ];
  return parts.filter((part) => part !== undefined).join(' ');
}

function thresholdList(options: Pick<Options, 'thresholds'>, scenario: string): string {
  const thresholds = options.thresholds ?? {};
  return Object.keys(thresholds)
    .filter((metric) => new RegExp(`[{,]scenario:${scenario.replace(/[^a-z-]/g, '')}[,}]`).test(metric))
    .sort()
    .map((metric) => {
      const list = thresholds[metric] ?? [];
      const expressions = (Array.isArray(list) ? list : [list]).map((t) => (typeof t === 'string' ? t : (t as { threshold: string }).threshold));
      return `${metric} ${expressions.join(' ')}`;
    })
    .join('; ');
}

/**
 * Undefined when the options in effect are the ones `wanted` (built from this
 * run's `__ENV`), or when they are not this project's scenarios at all (k6's
 * own `--vus` / `--duration` flags replace them with a `default` scenario;
 * that is the user's choice). Otherwise what differs, one item a line.
 */
export function optionsMismatch(effective: Pick<Options, 'scenarios' | 'thresholds'>, wanted: Pick<Options, 'scenarios' | 'thresholds'>): string[] | undefined {
  const inEffect = Object.keys(effective.scenarios ?? {}).sort();
  const asked = Object.keys(wanted.scenarios ?? {}).sort();
  if (inEffect.length === 0 || inEffect.some((name) => !(SCENARIO_NAMES as readonly string[]).includes(name))) return undefined;
  const differences: string[] = [];
  if (inEffect.join(',') !== asked.join(',')) differences.push(`scenarios: ${inEffect.join(', ')} in effect, ${asked.join(', ')} asked`);
  for (const name of inEffect.filter((scenario) => asked.includes(scenario))) {
    const now = shape(effective.scenarios![name]!);
    const want = shape(wanted.scenarios![name]!);
    if (now !== want) differences.push(`${name}: ${now} in effect, ${want} asked`);
    const nowThresholds = thresholdList(effective, name);
    const wantThresholds = thresholdList(wanted, name);
    if (nowThresholds !== wantThresholds) differences.push(`${name} thresholds: ${nowThresholds} in effect, ${wantThresholds} asked`);
  }
  return differences.length > 0 ? differences : undefined;
}

/** The message `setup` fails with; `asked` are the `-e` settings that decide options (SCENARIO, PROFILE, and VUS … SIZE when set). */
export function frozenOptionsMessage(differences: readonly string[], asked: ReadonlyArray<readonly [string, string]>): string {
  return [
    "this run's k6 options are not the ones its -e settings ask for:",
    ...differences.map((line) => `  - ${line}`),
    'k6 keeps the options of an archive as they were when `k6 archive` ran; -e SCENARIO, PROFILE, VUS, DURATION, COUNT, INTERVAL and SIZE',
    'given to `k6 run archive.tar` (or in a TestRun\'s arguments) cannot change them. Make the archive with them instead:',
    `  k6 archive ${asked.map(([name, value]) => `-e ${name}=${value}`).join(' ')} load/k6/main.ts -O streamconform.tar`,
    'and give only BASE_URL (and OUT_DIR or SUMMARY_JSON) when it runs.',
  ].join('\n');
}
