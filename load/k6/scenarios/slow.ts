/**
 * The `slow` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/slow.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=slow`).
 */
import { slow } from '../lib/exec.js';
import { selectedScenarios } from '../lib/config.js';
import { buildOptions } from '../lib/options.js';

export const options = buildOptions(selectedScenarios('slow'));

export { slow };
export default slow;
export { setup, teardown } from '../lib/lifecycle.js';
export { handleSummary } from '../lib/summary.js';
