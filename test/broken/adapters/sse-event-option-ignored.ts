/** Breaks SSE-010: `writeSSE` ignores its `event` option (validated, then not written). */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class EventIgnored extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    return super.event(data, { ...fields, event: undefined });
  }
}

export const breaks = 'SSE-010';

// Only the manual stream's writeSSE is re-implemented; sseResponse stays the reference's.
const { wrapStream } = sseVia(new EventIgnored());

export default breakReference({ name: 'sse-event-option-ignored', breaks, wrapStream });
