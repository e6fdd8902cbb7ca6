/**
 * Breaks BROWSER-004: the `retry` option is validated but never written, so
 * Chromium reconnects after its default delay (3 s), not after `retry`.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class RetryDropped extends SseEncoder {
  override fieldLines(fields: SseFields): string {
    return super.fieldLines({ ...fields, retry: undefined });
  }
}

export const breaks = 'BROWSER-004';

export default breakReference({ name: 'browser-retry-ignored', breaks, ...sseVia(new RetryDropped()) });
