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

/** Unavoidable (SSE-021 interleaves events with its comments): the other SSE checks write "" among their data too. */
export const alsoBreaks = ['SSE-004', 'SSE-006', 'SSE-010', 'SSE-011', 'SSE-017', 'SSE-018', 'SSE-019', 'SSE-020', 'SSE-021'];

export default breakReference({ name: 'sse-empty-dropped', breaks, ...sseVia(new EmptyDropped()) });
