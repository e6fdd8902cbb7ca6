/** Event framing ends its lines with a lone CR instead of LF. */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

const cr = (text: string): string => text.replaceAll('\n', '\r');

class CrEvents extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    return cr(super.event(data, fields));
  }
  override opening(fields: SseFields): string {
    return cr(super.opening(fields));
  }
}

export const departs = 'event lines end with a lone CR instead of LF; WHATWG HTML §9.2.5: end-of-line = ( cr lf / cr / lf )';

export default vary({ name: 'cr-line-ends', ...sseVia(new CrEvents()) });
