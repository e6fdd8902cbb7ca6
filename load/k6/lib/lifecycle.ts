/**
 * `setup` fails fast when the target is unreachable; `teardown` checks that
 * the target closed every stream once the clients were done (a leak shows as
 * streams left open).
 */
import { check, fail, sleep } from 'k6';
import http from 'k6/http';
import { baseUrl } from './config.ts';
import { METRICS_PATH } from './routes.ts';

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

export function setup(): { streamsBefore: TargetStreams } {
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
