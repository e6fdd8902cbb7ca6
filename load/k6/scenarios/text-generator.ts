/**
 * The `text-generator` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/text-generator.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=text-generator`).
 */
import { textGenerator } from '../lib/exec.js';
import { selectedScenarios } from '../lib/config.js';
import { buildOptions } from '../lib/options.js';

export const options = buildOptions(selectedScenarios('text-generator'));

export { textGenerator };
export default textGenerator;
export { setup, teardown } from '../lib/lifecycle.js';
export { handleSummary } from '../lib/summary.js';
