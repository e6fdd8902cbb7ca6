/** Comment lines interleaved with the events: one inside every event, one opening every sseResponse. */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

class WithComments extends SseEncoder {
  override event(data: unknown, fields: SseFields): string {
    return `: ev\n${super.event(data, fields)}`;
  }
  override opening(fields: SseFields): string {
    return `: stream open\n\n${super.opening(fields)}`;
  }
}

export const departs =
  'comment lines (": ev" inside every event, ": stream open" first in every sseResponse) the caller did not ask for, as servers send for heartbeats; WHATWG HTML §9.2.5/§9.2.6 (a line starting with a colon is ignored) and §9.2.7 (authors send comments to keep connections alive)';

export default vary({ name: 'comment-interleaved', ...sseVia(new WithComments()) });
