/**
 * The `chunked` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/chunked.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=chunked`).
 */
import { chunked } from '../lib/exec.ts';
import { selectedScenarios } from '../lib/config.ts';
import { buildOptions } from '../lib/options.ts';

export const options = buildOptions(selectedScenarios('chunked'));

export { chunked };
export default chunked;
export { setup, teardown } from '../lib/lifecycle.ts';
export { handleSummary } from '../lib/summary.ts';
