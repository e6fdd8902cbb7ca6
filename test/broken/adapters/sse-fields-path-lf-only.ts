/**
 * Breaks SSE-016: an event with an `event` or `id` field takes a second
 * encoding path (fields first, then the data) that splits the data on LF and
 * CRLF only; a lone CR survives inside a `data:` line, and a client ends the
 * line there: `writeSSE("x\rid: 7", { event: "e" })` sets the last event id
 * to 7, `"x\r\rdata: y"` dispatches an event early. Data-only events take the
 * faithful path and split on CR too.
 *
 * The defect breaks SSE-005's rule for events with fields as well; SSE-005's
 * check writes data without fields (the fields are SSE-010/011's), so it
 * does not see it — SSE-016's check, which writes SSE look-alike data with
 * and without fields, does.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class FieldsPathLfOnly extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    if (fields.event === undefined && fields.id === undefined) return super.event(data, fields);
    const dataLines = this.dataText(data)
      .split(/\r\n|\n/)
      .map((line) => this.dataLine(line))
      .join('');
    return `${this.fieldLines(fields)}${dataLines}\n`;
  }
}

export const breaks = 'SSE-016';

export default breakReference({ name: 'sse-fields-path-lf-only', breaks, ...sseVia(new FieldsPathLfOnly()) });
