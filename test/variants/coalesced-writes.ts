/** Manual-stream writes made in one synchronous run are joined into one chunk (flushed at the end of the job). */
import { coalescingStream } from './kit/coalesce.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'a manual stream encodes each call itself and hands the body one joined chunk per synchronous run of writes (queueMicrotask), so a write reaches the client before any later awaited write; WIRE-006 and the flushInterval decision require delivery before the next write, not one chunk per write';

export default vary({ name: 'coalesced-writes', wrapStream: (stream, inner) => coalescingStream(stream, inner) });
