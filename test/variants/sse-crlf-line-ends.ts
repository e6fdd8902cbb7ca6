/** A conforming variant: every line of its events ends with CRLF. */
import { vary } from './kit/vary.ts';
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';

export const departs = 'ends every line of its events (fields, data lines, the blank line) with CRLF instead of LF; WHATWG HTML §9.2.5: end-of-line = CRLF / LF / CR';

const crlf = (text: string) => text.replaceAll('\n', '\r\n');

class CrlfLineEnds extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    return crlf(super.event(data, fields));
  }
  override opening(fields: SseFields): string {
    return crlf(super.opening(fields));
  }
}

export default vary({
  name: 'sse-crlf-line-ends', ...sseVia(new CrlfLineEnds()) });
