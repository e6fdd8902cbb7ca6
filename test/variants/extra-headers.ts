/** Every stream response also carries `Vary: Accept-Encoding` and an `X-Request-Id`, unless the caller set them. */
import { randomUUID } from 'node:crypto';
import { callerSets, editHeaders } from '../broken/break.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'every streamed response carries extra harmless fields (Vary: Accept-Encoding, X-Request-Id: <uuid>) the caller did not ask for, its own values winning; the spec lists what must be sent and what must not (hop-by-hop, Content-Length), nothing forbids more';

export default vary({
  name: 'extra-headers',
  ...editHeaders((headers, _kind, options) => {
    if (!callerSets(options, 'vary')) headers.set('Vary', 'Accept-Encoding');
    if (!callerSets(options, 'x-request-id')) headers.set('X-Request-Id', randomUUID());
  }),
});
