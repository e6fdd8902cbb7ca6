/** Within an event, `id` comes first, then `retry`, then `event`, then the data lines. */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

class IdFirst extends SseEncoder {
  override fieldLines(fields: SseFields): string {
    let text = '';
    if (fields.id !== undefined) text += `id: ${fields.id}\n`;
    if (fields.retry !== undefined) text += `retry: ${fields.retry}\n`;
    if (fields.event !== undefined) text += `event: ${fields.event}\n`;
    return text;
  }
}

export const departs =
  'field order within an event: id, retry, event, then data (the reference: event, id, retry); WHATWG HTML §9.2.6 processes fields one line at a time and dispatches at the blank line, so order within an event does not matter';

export default vary({ name: 'field-order', ...sseVia(new IdFirst()) });
