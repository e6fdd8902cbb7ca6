/**
 * Breaks BROWSER-002: the type is written `event:<type>` without the space
 * after the colon, so Chromium strips the type's own leading space
 * (`event:  x` → " x" is right; `event: x` → "x" is not) and dispatches the
 * event to the wrong listener.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder, type SseFields } from '../sse-encoder.ts';

class EventWithoutSpace extends SseEncoder {
  override fieldLines(fields: SseFields): string {
    const rest = super.fieldLines({ ...fields, event: undefined });
    return fields.event === undefined ? rest : `event:${fields.event}\n${rest}`;
  }
}

export const breaks = 'BROWSER-002';

export default breakReference({ name: 'browser-event-no-space', breaks, ...sseVia(new EventWithoutSpace()) });
