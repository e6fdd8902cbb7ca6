/** A conforming variant: `event:x`, `id:7`, `retry:2000` without the space after the colon. */
import { vary } from './kit/vary.ts';
import { sseVia } from '../broken/break.ts';
import { SseEncoder, type SseFields } from '../broken/sse-encoder.ts';

export const departs =
  'writes the event, id and retry fields without the space after the colon (`event:x`, `id:7`, `retry:2000`), keeping it only before a value that starts with a space; WHATWG HTML §9.2.6 removes one leading space if there is one, and only data lines are bound to the space (SSE-006)';

/** The colon, and the space only where the value needs it. */
const colon = (value: string) => (value.startsWith(' ') ? ': ' : ':');

class FieldsWithoutSpace extends SseEncoder {
  override fieldLines(fields: SseFields): string {
    let text = '';
    if (fields.event !== undefined) text += `event${colon(fields.event)}${fields.event}\n`;
    if (fields.id !== undefined) text += `id${colon(fields.id)}${fields.id}\n`;
    if (fields.retry !== undefined) text += `retry:${fields.retry}\n`;
    return text;
  }
}

export default vary({
  name: 'sse-fields-without-space', ...sseVia(new FieldsWithoutSpace()) });
