/**
 * The k6 entry: runs the scenarios `-e SCENARIO` names (default `all`) with
 * the profile `-e PROFILE` names (default `smoke`) against `-e BASE_URL`.
 *
 *   k6 run -e BASE_URL=http://127.0.0.1:8080 -e SCENARIO=sse -e PROFILE=load \
 *     --summary-export out/summary-export.json --out json=out/metrics.ndjson -e OUT_DIR=out load/k6/main.ts
 *
 * k6 v1+ runs TypeScript directly (types are stripped, not checked: the
 * project's tests run `tsc --noEmit -p load/k6/tsconfig.json`).
 */
import { selectedScenarios } from './lib/config.ts';
import { buildOptions } from './lib/options.ts';

export const options = buildOptions(selectedScenarios());

export { binary, chunked, chunkedStream, slow, sse, sseIds, textGenerator, textManual } from './lib/exec.ts';
export { setup, teardown } from './lib/lifecycle.ts';
export { handleSummary } from './lib/summary.ts';
