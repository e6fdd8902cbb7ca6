/** A conforming variant: `Cache-Control: No-Cache, no-transform` on event streams. */
import { vary } from './kit/vary.ts';
import { callerSets, editHeaders } from '../broken/break.ts';

export const departs =
  'sends `Cache-Control: No-Cache, no-transform` on sseResponse (unless the caller sets Cache-Control): a directive list that carries no-cache, the name in another case; RFC 9111 §5.2 (directive names are case-insensitive; a list may carry more directives)';

export default vary({
  name: 'sse-cache-control-list',
  ...editHeaders((headers, kind, options) => {
    if (kind === 'sse' && !callerSets(options, 'cache-control')) headers.set('Cache-Control', 'No-Cache, no-transform');
  }),
});
