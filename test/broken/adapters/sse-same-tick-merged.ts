/**
 * Breaks SSE-004: `writeSSE` calls made in the same tick are batched into
 * one chunk (flushed on the next microtask, before another kind of write, or
 * at `close()`), and the batch drops the blank line that ends each event but
 * the last — so the calls of one tick reach the client as ONE event whose
 * data lines are theirs joined. A call alone, and the end of the stream, are
 * as the reference writes them. Comments (`writeComment`) go into the batch
 * as comment lines, which a client ignores.
 */
import { breakReference, withPatch } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';
import { isOpen } from '../stream-like.ts';

export const breaks = 'SSE-004';

const encoder = new SseEncoder();
const NOTHING = new Uint8Array(0);

/** The reference's comment lines (`: line`, `:` for an empty line), without the blank line it ends a heartbeat with. */
function commentLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line === '' ? ':\n' : `: ${line}\n`))
    .join('');
}

export default breakReference({
  name: 'sse-same-tick-merged',
  breaks,
  wrapStream: (stream, inner) => {
    /** Events and comments of this tick, each without its terminating blank line. */
    let batch: string[] = [];
    const flush = (): void => {
      if (batch.length === 0) return;
      const text = `${batch.join('')}\n`;
      batch = [];
      // The client went away since: nothing to send, as the reference drops what it holds.
      if (isOpen(inner)) stream.write(text);
    };
    const add = (text: string): void => {
      stream.write(NOTHING); // throws once the stream ended, like every write
      if (batch.length === 0) queueMicrotask(flush);
      batch.push(text);
    };
    return withPatch(stream, {
      write(data) {
        flush();
        stream.write(data);
      },
      writeChunk(value, options) {
        flush();
        stream.writeChunk(value, options);
      },
      writeSSE(data, options) {
        add(encoder.event(data, encoder.fields('options', options)).slice(0, -1));
      },
      writeComment(text = '') {
        if (typeof text !== 'string') return stream.writeComment!(text); // the reference's TypeError
        add(commentLines(text));
      },
      close() {
        if (isOpen(inner)) flush();
        stream.close();
      },
    });
  },
});
