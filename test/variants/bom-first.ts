/** Every sseResponse body begins with a UTF-8 byte order mark. */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

class LeadingBom extends SseEncoder {
  override opening(fields: SseFields): string {
    return `\ufeff${super.opening(fields)}`;
  }
}

export const departs =
  'an sseResponse body starts with U+FEFF (EF BB BF); WHATWG HTML §9.2.5: stream = [ bom ] *event, and a client strips one leading BOM';

export default vary({ name: 'bom-first', ...sseVia(new LeadingBom()) });
