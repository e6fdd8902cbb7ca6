/** Breaks SSE-011: `writeSSE` ignores its `id` option (validated, then not written). */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class IdIgnored extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    return super.event(data, { ...fields, id: undefined });
  }
}

export const breaks = 'SSE-011';

// Only the manual stream's writeSSE is re-implemented; sseResponse stays the reference's.
const { wrapStream } = sseVia(new IdIgnored());

export default breakReference({ name: 'sse-id-option-ignored', breaks, wrapStream });
