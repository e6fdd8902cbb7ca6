/**
 * Breaks SSE-015: every event is written with its blank line before it
 * (`\ndata: x\n`) instead of after it, so each event is dispatched by the
 * next one and the stream ends inside the last event, which a client
 * discards.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class BlankLineFirst extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    return `\n${super.event(data, fields).slice(0, -1)}`;
  }
}

export const breaks = 'SSE-015';

export default breakReference({ name: 'sse-blank-line-first', breaks, ...sseVia(new BlankLineFirst()) });
