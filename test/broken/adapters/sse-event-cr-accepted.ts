/**
 * Breaks SSE-012: an `event` containing a lone CR is accepted (only LF is
 * refused), so `event: a\rdata: x` injects a field.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class EventCrAccepted extends SseEncoder {
  override checkEvent(field: string, event: unknown): string {
    if (typeof event !== 'string') throw new TypeError(`${field} must be a string`);
    if (event.includes('\n')) throw new TypeError(`${field} must not contain LF`);
    return event;
  }
}

export const breaks = 'SSE-012';

export default breakReference({ name: 'sse-event-cr-accepted', breaks, ...sseVia(new EventCrAccepted()) });
