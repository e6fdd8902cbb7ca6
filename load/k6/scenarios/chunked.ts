/**
 * The `chunked` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/chunked.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=chunked`).
 */
import { chunked } from '../lib/exec.js';
import { selectedScenarios } from '../lib/config.js';
import { buildOptions } from '../lib/options.js';

export const options = buildOptions(selectedScenarios('chunked'));

export { chunked };
export default chunked;
export { setup, teardown } from '../lib/lifecycle.js';
export { handleSummary } from '../lib/summary.js';
