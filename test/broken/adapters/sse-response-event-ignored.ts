/** Breaks SSE-019: `sseResponse` ignores its `event` option: every event has the default type `message`. */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class ResponseEventIgnored extends SseEncoder {
  override frame(value: unknown): string {
    return this.event(value, {});
  }
}

export const breaks = 'SSE-019';

// Only sseResponse is re-implemented; the manual stream's writeSSE stays the reference's.
const { wrapContext } = sseVia(new ResponseEventIgnored());

export default breakReference({ name: 'sse-response-event-ignored', breaks, wrapContext });
