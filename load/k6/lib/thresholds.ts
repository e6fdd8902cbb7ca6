/**
 * Thresholds per scenario, on tagged sub-metrics (k6 tags every sample with
 * its `scenario`), so one scenario's regression cannot hide in another's
 * numbers. No k6 imports.
 *
 * https://grafana.com/docs/k6/latest/using-k6/thresholds/
 */
import type { ScenarioName } from './routes.ts';
import { iterationParams, streamLengthMs, WORKLOADS, type RunSettings } from './workloads.ts';

/** Time to first byte (response headers), ms. */
export const TTFB_P95_MS = 500;

export function thresholdsFor(scenarios: readonly ScenarioName[], settings: RunSettings): Record<string, string[]> {
  const thresholds: Record<string, string[]> = {};
  for (const scenario of scenarios) {
    const params = iterationParams(scenario, 0, settings);
    const lastByteBudget = streamLengthMs(params) + WORKLOADS[scenario].durationSlackMs;
    thresholds[`http_req_failed{scenario:${scenario}}`] = ['rate<0.01'];
    thresholds[`http_req_waiting{scenario:${scenario}}`] = [`p(95)<${TTFB_P95_MS}`];
    thresholds[`http_req_duration{scenario:${scenario},name:${scenario}}`] = [`p(95)<${lastByteBudget}`];
    thresholds[`checks{scenario:${scenario}}`] = ['rate>0.99'];
    thresholds[`stream_body_ok{scenario:${scenario}}`] = ['rate>0.99'];
  }
  return thresholds;
}
