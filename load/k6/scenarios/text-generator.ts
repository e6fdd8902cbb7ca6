/**
 * The `text-generator` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/text-generator.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=text-generator`).
 */
import { textGenerator } from '../lib/exec.ts';
import { selectedScenarios } from '../lib/config.ts';
import { buildOptions } from '../lib/options.ts';

export const options = buildOptions(selectedScenarios('text-generator'));

export { textGenerator };
export default textGenerator;
export { setup, teardown } from '../lib/lifecycle.ts';
export { handleSummary } from '../lib/summary.ts';
