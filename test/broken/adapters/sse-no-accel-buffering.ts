/** Breaks SSE-003 (SHOULD): `sseResponse` sends no `X-Accel-Buffering: no` unless the caller sets it. */
import { breakReference, callerSets, editHeaders } from '../break.ts';

export const breaks = 'SSE-003';

export default breakReference({
  name: 'sse-no-accel-buffering',
  breaks,
  ...editHeaders((headers, kind, options) => {
    if (kind === 'sse' && !callerSets(options, 'x-accel-buffering')) headers.delete('X-Accel-Buffering');
  }),
});
