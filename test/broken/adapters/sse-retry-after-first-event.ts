/**
 * Breaks SSE-020: `sseResponse`'s `retry` (and `id`) block is sent after the
 * first event instead of before it (at the end when there is no event).
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class RetryAfterFirstEvent extends SseEncoder {
  override opening(): string {
    return '';
  }
  override frame(value: unknown, index: number, fields: SseFields): string {
    const event = super.frame(value, index, fields);
    return index === 0 ? event + super.opening(fields) : event;
  }
  override ending(fields: SseFields, count: number): string {
    return count === 0 ? super.opening(fields) : '';
  }
}

export const breaks = 'SSE-020';

export default breakReference({ name: 'sse-retry-after-first-event', breaks, ...sseVia(new RetryAfterFirstEvent()) });
