/**
 * A conforming variant: events are written data lines first, then the `event`
 * and `id` lines, with a comment line before them, and `retry` in a block of
 * its own before the event.
 */
import { breakReference, sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';

export const departs =
  'each event is written as a comment line, its data lines, then its event and id lines, with retry sent in a data-less block of its own before it; WHATWG HTML §9.2.6 interprets fields in any order, ignores comments and dispatches nothing for a block without data, so a client dispatches the same events with the same reconnection time (SSE-004, SSE-014, SSE-015)';

class ReorderedFields extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    const retry = fields.retry === undefined ? '' : `retry: ${fields.retry}\n\n`;
    const dataLines = this.lines(this.dataText(data))
      .map((line) => this.dataLine(line))
      .join('');
    return `${retry}: event\n${dataLines}${this.fieldLines({ event: fields.event, id: fields.id })}\n`;
  }
}

/** Built from the reference like the broken adapters (`breaks` names the requirement whose precision it proves; it breaks nothing). */
export default {
  ...breakReference({ name: 'stream-sse-reordered-fields', breaks: 'STREAM-004', ...sseVia(new ReorderedFields()) }),
  name: 'variant/stream-sse-reordered-fields',
};
