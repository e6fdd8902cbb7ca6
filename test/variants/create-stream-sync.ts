/** `ctx.createStream()` returns the stream itself, not a promise of it (invalid options throw at the call). */
import { ManualStream } from '../../reference/index.ts';
import { buildStreamHeaders, DEFAULT_CONTENT_TYPE, SSE_HEADERS } from '../../reference/headers.ts';
import { resolveStreamingOptions } from '../../reference/options.ts';
import type { BrokenContext } from '../broken/break.ts';
import { delegateStream } from '../broken/stream-like.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'createStream returns the stream synchronously, not a promise, and throws (does not reject) for invalid options; docs/spec.md §2 "createStream is asynchronous": a plain object also works with await, and STREAM-007 allows throw or reject';

export default vary({
  name: 'create-stream-sync',
  wrapContext: (ctx, reference) => {
    const createStream = (options?: unknown) => {
      const resolved = resolveStreamingOptions(options);
      const isEventStream = resolved.contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'text/event-stream';
      const defaults = isEventStream ? SSE_HEADERS : { 'Content-Type': DEFAULT_CONTENT_TYPE };
      return delegateStream(new ManualStream(resolved, buildStreamHeaders(defaults, resolved.contentType, resolved.headers), reference.req.signal));
    };
    return { ...ctx, createStream: createStream as unknown as BrokenContext['createStream'] };
  },
});
