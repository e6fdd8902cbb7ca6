/**
 * The `binary` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/binary.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=binary`).
 */
import { binary } from '../lib/exec.ts';
import { selectedScenarios } from '../lib/config.ts';
import { buildOptions } from '../lib/options.ts';

export const options = buildOptions(selectedScenarios('binary'));

export { binary };
export default binary;
export { setup, teardown } from '../lib/lifecycle.ts';
export { handleSummary } from '../lib/summary.ts';
