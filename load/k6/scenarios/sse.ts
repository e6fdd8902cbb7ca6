/**
 * The `sse` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/sse.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=sse`).
 */
import { sse } from '../lib/exec.ts';
import { selectedScenarios } from '../lib/config.ts';
import { buildOptions } from '../lib/options.ts';

export const options = buildOptions(selectedScenarios('sse'));

export { sse };
export default sse;
export { setup, teardown } from '../lib/lifecycle.ts';
export { handleSummary } from '../lib/summary.ts';
