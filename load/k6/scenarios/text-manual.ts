/**
 * The `text-manual` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/text-manual.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=text-manual`).
 */
import { textManual } from '../lib/exec.js';
import { selectedScenarios } from '../lib/config.js';
import { buildOptions } from '../lib/options.js';

export const options = buildOptions(selectedScenarios('text-manual'));

export { textManual };
export default textManual;
export { setup, teardown } from '../lib/lifecycle.js';
export { handleSummary } from '../lib/summary.js';
