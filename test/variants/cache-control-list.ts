/** Event streams carry `Cache-Control: no-cache, no-transform` instead of `no-cache` alone. */
import { callerSets, editHeaders } from '../broken/break.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'event streams send "Cache-Control: no-cache, no-transform" (a list that carries the no-cache directive, plus no-transform so proxies leave the stream alone); SSE-002 asks for no-cache, and Cache-Control is a list of directives (RFC 9111 §5.2)';

export default vary({
  name: 'cache-control-list',
  ...editHeaders((headers, _kind, options) => {
    if (!callerSets(options, 'cache-control') && headers.get('cache-control') === 'no-cache') headers.set('Cache-Control', 'no-cache, no-transform');
  }),
});
