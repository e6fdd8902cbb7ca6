/** Within an event, the data lines come first and the `event`, `id`, `retry` fields after them. */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

class FieldsLast extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    const dataLines = this.lines(this.dataText(data)).map((line) => this.dataLine(line)).join('');
    return `${dataLines}${this.fieldLines(fields)}\n`;
  }
}

export const departs =
  'the data lines come before the event/id/retry fields of the same event; WHATWG HTML §9.2.6 sets the type, last event id and reconnection time as each line is read and uses them only when the blank line dispatches';

export default vary({ name: 'fields-after-data', ...sseVia(new FieldsLast()) });
