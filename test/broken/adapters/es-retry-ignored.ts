/**
 * Breaks WIRE-015: the `retry` option is validated but never written, so
 * the client reconnects after its default delay (3 s) instead.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class RetryDropped extends SseEncoder {
  override fieldLines(fields: SseFields): string {
    return super.fieldLines({ ...fields, retry: undefined });
  }
}

export const breaks = 'WIRE-015';

export default breakReference({ name: 'es-retry-ignored', breaks, ...sseVia(new RetryDropped()) });
