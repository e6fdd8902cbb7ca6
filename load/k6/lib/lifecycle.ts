/**
 * `setup` fails fast when the options in effect are not the ones `-e` asks
 * for (an archive made without them, see `frozen-options.ts`) and when the
 * target is unreachable; `teardown` checks that the target closed every
 * stream once the clients were done (a leak shows as streams left open).
 */
import { check, fail, sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { baseUrl, OPTION_SETTINGS, selectedProfile } from './config.ts';
import { frozenOptionsMessage, optionsMismatch } from './frozen-options.ts';
import { builtOptions } from './options.ts';
import { METRICS_PATH, SCENARIO_NAMES } from './routes.ts';

interface TargetStreams {
  open: number;
  opened: number;
  completed: number;
  aborted: number;
  failed: number;
}

function targetStreams(): TargetStreams | undefined {
  const res = http.get(`${baseUrl()}${METRICS_PATH}`, { timeout: 5_000, tags: { name: 'target-metrics' } });
  if (res.status !== 200 || typeof res.body !== 'string') return undefined;
  const body = JSON.parse(res.body) as { streams?: TargetStreams };
  return body.streams;
}

function checkOptionsInEffect(): void {
  const wanted = builtOptions();
  if (!wanted) return;
  const differences = optionsMismatch(exec.test.options, wanted);
  if (!differences) return;
  const scenarios = Object.keys(wanted.scenarios ?? {});
  const asked: Array<[string, string]> = [
    ['SCENARIO', scenarios.length === SCENARIO_NAMES.length ? 'all' : scenarios.join(',')],
    ['PROFILE', selectedProfile()],
  ];
  for (const name of OPTION_SETTINGS) {
    const value = __ENV[name];
    if (value !== undefined && value !== '') asked.push([name, value]);
  }
  fail(frozenOptionsMessage(differences, asked));
}

export function setup(): { streamsBefore: TargetStreams } {
  checkOptionsInEffect();
  const streams = targetStreams();
  if (!streams) {
    fail(`cannot reach a streamconform load target at ${baseUrl()}${METRICS_PATH}; start one with: npx streamconform load serve --adapter reference`);
  }
  return { streamsBefore: streams };
}

export function teardown(): void {
  // Aborted streams close when the implementation notices the client went away: give it up to 10 s.
  let streams = targetStreams();
  for (let waited = 0; streams !== undefined && streams.open > 0 && waited < 10; waited += 0.5) {
    sleep(0.5);
    streams = targetStreams();
  }
  check(streams, {
    'target: every stream closed after the run': (s) => s !== undefined && s.open === 0,
    'target: no stream failed': (s) => s !== undefined && s.failed === 0,
  });
}
