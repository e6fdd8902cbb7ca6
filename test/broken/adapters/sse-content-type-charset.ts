/**
 * Breaks SSE-001: `sseResponse` sends `Content-Type: text/event-stream;
 * charset=utf-8` (a parameter the guide's own test does not expect).
 */
import { breakReference, callerSets, editHeaders } from '../break.ts';

export const breaks = 'SSE-001';

export default breakReference({
  name: 'sse-content-type-charset',
  breaks,
  ...editHeaders((headers, kind, options) => {
    if (kind === 'sse' && !callerSets(options, 'content-type')) headers.set('Content-Type', 'text/event-stream; charset=utf-8');
  }),
});
