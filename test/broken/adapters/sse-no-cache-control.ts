/** Breaks SSE-002: `sseResponse` sends no `Cache-Control` unless the caller sets one. */
import { breakReference, callerSets, editHeaders } from '../break.ts';

export const breaks = 'SSE-002';

export default breakReference({
  name: 'sse-no-cache-control',
  breaks,
  ...editHeaders((headers, kind, options) => {
    if (kind === 'sse' && !callerSets(options, 'cache-control')) headers.delete('Cache-Control');
  }),
});
