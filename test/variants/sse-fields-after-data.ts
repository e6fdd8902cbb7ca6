/** A conforming variant: an event's data lines first, then its event, id and retry fields. */
import { vary } from './kit/vary.ts';
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';

export const departs =
  'writes the data lines of an event before its event, id and retry fields; WHATWG HTML §9.2.6 applies the fields of a block when the blank line dispatches it, in whatever order they came';

class FieldsAfterData extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    const dataLines = this.lines(this.dataText(data)).map((line) => this.dataLine(line)).join('');
    return `${dataLines}${this.fieldLines(fields)}\n`;
  }
}

export default vary({
  name: 'sse-fields-after-data', ...sseVia(new FieldsAfterData()) });
