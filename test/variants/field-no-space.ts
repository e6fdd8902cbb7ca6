/** `event:x`, `id:7`, `retry:2000` without the space after the colon; data lines keep `data: `. */
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';
import { vary } from './kit/vary.ts';

class NoSpaceFields extends SseEncoder {
  override fieldLines(fields: SseFields): string {
    let text = '';
    if (fields.event !== undefined) text += `event:${spaced(fields.event)}\n`;
    if (fields.id !== undefined) text += `id:${spaced(fields.id)}\n`;
    if (fields.retry !== undefined) text += `retry:${fields.retry}\n`;
    return text;
  }
}

/** A value that begins with a space keeps the separator: a client strips exactly one (WHATWG HTML §9.2.6). */
function spaced(value: string): string {
  return value.startsWith(' ') ? ` ${value}` : value;
}

export const departs =
  'the event, id and retry fields are written without the space after the colon ("event:x", "id:7", "retry:2000"; the space kept when the value itself begins with one); WHATWG HTML §9.2.5/§9.2.6 make the space optional, and SSE-006 asks for "data: " on data lines only';

export default vary({ name: 'field-no-space', ...sseVia(new NoSpaceFields()) });
