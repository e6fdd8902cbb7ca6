/**
 * Hostile, not about one requirement: the app never answers — every handler
 * returns a promise that never settles. The suite must spend one check's time
 * limit per check and go on, never hang.
 */
import { breakReference } from '../break.ts';
import type { RequirementId } from '../../../conformance/requirements/types.ts';

/** What this adapter does to the runner. */
export const hostile = 'every handler returns a promise that never settles';

/** Requirements the robustness test runs against it (each must fail with a message). */
export const affects: RequirementId[] = ['STREAM-001', 'SSE-004', 'GEN-001', 'CLOSE-002'];

export default breakReference({
  name: 'hostile-handler-hangs',
  breaks: 'STREAM-001',
  wrapHandler: () => () => new Promise<never>(() => {}),
});
