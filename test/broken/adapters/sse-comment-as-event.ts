/**
 * Breaks SSE-021: `writeComment(text)` is built on `writeSSE`, so a
 * heartbeat is sent as a message event with the text as its data (`data:
 * text`) instead of a comment line: every heartbeat wakes the client's
 * `onmessage`.
 */
import { breakReference, withPatch } from '../break.ts';

export const breaks = 'SSE-021';

export default breakReference({
  name: 'sse-comment-as-event',
  breaks,
  wrapStream: (stream) =>
    withPatch(stream, {
      writeComment(text = '') {
        if (typeof text !== 'string') return stream.writeComment!(text); // the reference's TypeError
        stream.writeSSE(text);
      },
    }),
});
