/**
 * Breaks SSE-009: `writeSSE("")` (and an empty string yielded to
 * `sseResponse`) sends nothing, so the client never gets the empty message.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class EmptyDropped extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    return data === '' ? '' : super.event(data, fields);
  }
}

export const breaks = 'SSE-009';

export default breakReference({ name: 'sse-empty-dropped', breaks, ...sseVia(new EmptyDropped()) });
