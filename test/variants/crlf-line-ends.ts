/** Event framing ends its lines with CRLF instead of LF. */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

/** Every LF of the framing as CRLF (data and field values hold no line breaks once split and validated). */
const crlf = (text: string): string => text.replaceAll('\n', '\r\n');

class CrlfEvents extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    return crlf(super.event(data, fields));
  }
  override opening(fields: SseFields): string {
    return crlf(super.opening(fields));
  }
}

export const departs = 'event lines end with CRLF instead of LF; WHATWG HTML §9.2.5: end-of-line = ( cr lf / cr / lf )';

export default vary({ name: 'crlf-line-ends', ...sseVia(new CrlfEvents()) });
