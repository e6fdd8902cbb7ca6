/**
 * Breaks BROWSER-003: ids are written `id: <id> ` with a trailing space,
 * which a client keeps: Chromium's lastEventId is the id plus a space.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class IdWithTrailingSpace extends SseEncoder {
  override fieldLines(fields: SseFields): string {
    return super.fieldLines(fields.id === undefined ? fields : { ...fields, id: `${fields.id} ` });
  }
}

export const breaks = 'BROWSER-003';

export default breakReference({ name: 'browser-id-trailing-space', breaks, ...sseVia(new IdWithTrailingSpace()) });
