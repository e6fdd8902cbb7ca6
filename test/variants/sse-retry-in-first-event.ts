/** A conforming variant: sseResponse's retry (and id) go in the first event's block, not a block of their own. */
import { vary } from './kit/vary.ts';
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';

export const departs =
  "sends sseResponse's retry and id as fields of the first event instead of a block of their own before it (a block of their own only when nothing is yielded); they still come before the first event is dispatched (SSE-020), and WHATWG HTML §9.2.6 takes them the same way";

class RetryInFirstEvent extends SseEncoder {
  override opening(): string {
    return '';
  }
  override frame(value: unknown, index: number, fields: SseFields): string {
    const event = fields.event === undefined ? {} : { event: fields.event };
    return this.event(value, index === 0 ? { ...event, id: fields.id, retry: fields.retry } : event);
  }
  override ending(fields: SseFields, count: number): string {
    return count === 0 ? super.opening(fields) : '';
  }
}

export default vary({
  name: 'sse-retry-in-first-event', ...sseVia(new RetryInFirstEvent()) });
