/** An `event` option of "" or "message" writes no event line (the type is then "message" anyway). */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

class DefaultTypeOmitted extends SseEncoder {
  override fields(field: string, options: unknown): SseFields {
    const fields = super.fields(field, options);
    if (fields.event === '' || fields.event === 'message') delete fields.event;
    return fields;
  }
}

export const departs =
  'writeSSE/sseResponse with event "" or "message" write no event line; WHATWG HTML §9.2.6: an empty event type buffer dispatches as "message", so the client sees the same type';

export default vary({ name: 'event-type-default-omitted', ...sseVia(new DefaultTypeOmitted()) });
