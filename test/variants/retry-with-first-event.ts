/**
 * sseResponse sends its `retry` (and `id`) as the first lines of the body,
 * inside the first event's block, instead of in a block of their own.
 */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

class RetryInFirstBlock extends SseEncoder {
  override opening(fields: SseFields): string {
    return this.fieldLines({ id: fields.id, retry: fields.retry });
  }
  override ending(fields: SseFields, count: number): string {
    // No event followed: end the block, so the stream ends on an event boundary.
    return count === 0 && (fields.id !== undefined || fields.retry !== undefined) ? '\n' : '';
  }
}

export const departs =
  'sseResponse writes retry (and id) as the very first lines, in the block of the first event, not in a block of their own (a lone blank line ends the block when no event follows); SSE-020 asks for retry once, before the first event, which this is (the fields take effect as their lines are read, WHATWG HTML §9.2.6)';

export default vary({ name: 'retry-with-first-event', ...sseVia(new RetryInFirstBlock()) });
