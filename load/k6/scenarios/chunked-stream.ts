/**
 * The `chunked-stream` scenario on its own: `k6 run -e BASE_URL=... -e PROFILE=smoke load/k6/scenarios/chunked-stream.ts`
 * (the same as `load/k6/main.ts` with `-e SCENARIO=chunked-stream`).
 */
import { chunkedStream } from '../lib/exec.ts';
import { selectedScenarios } from '../lib/config.ts';
import { buildOptions } from '../lib/options.ts';

export const options = buildOptions(selectedScenarios('chunked-stream'));

export { chunkedStream };
export default chunkedStream;
export { setup, teardown } from '../lib/lifecycle.ts';
export { handleSummary } from '../lib/summary.ts';
