/**
 * The `text-manual` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/text-manual.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=text-manual`).
 */
import { textManual } from '../lib/exec.ts';
import { selectedScenarios } from '../lib/config.ts';
import { buildOptions } from '../lib/options.ts';

export const options = buildOptions(selectedScenarios('text-manual'));

export { textManual };
export default textManual;
export { setup, teardown } from '../lib/lifecycle.ts';
export { handleSummary } from '../lib/summary.ts';
