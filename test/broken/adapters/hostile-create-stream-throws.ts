/**
 * Hostile, not about one requirement: `createStream` throws on every call.
 * Every check that uses a manual stream must fail with a message, and the run
 * must go on.
 */
import { breakReference } from '../break.ts';
import type { RequirementId } from '../../../conformance/requirements/types.ts';

/** What this adapter does to the runner. */
export const hostile = 'createStream throws on every call';

/** Requirements the robustness test runs against it (each must fail with a message). */
export const affects: RequirementId[] = ['STREAM-001', 'STREAM-003', 'CLOSE-001', 'CLOSE-002'];

export default breakReference({
  name: 'hostile-create-stream-throws',
  breaks: 'STREAM-001',
  wrapContext: (ctx) => ({
    ...ctx,
    createStream: () => {
      throw new Error('createStream is broken in this adapter');
    },
  }),
});
