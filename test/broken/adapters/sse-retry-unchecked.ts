/**
 * Breaks SSE-014: any `retry` is written as `retry: ${retry}` (`-1`, `1.5`,
 * `NaN`), which a client silently ignores, instead of being a TypeError.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class RetryUnchecked extends SseEncoder {
  override checkRetry(field: string, retry: unknown): number {
    return retry as number;
  }
}

export const breaks = 'SSE-014';

export default breakReference({ name: 'sse-retry-unchecked', breaks, ...sseVia(new RetryUnchecked()) });
