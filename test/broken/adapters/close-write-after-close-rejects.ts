/**
 * Breaks CLOSE-003: on an event stream (`contentType: 'text/event-stream'`),
 * `writeSSE` after `close()` returns a rejected promise ("the event stream is
 * closed") instead of throwing — as the `send()` of some SSE libraries does.
 * The guide calls writeSSE without awaiting it inside try/catch: the catch
 * never runs, and the rejection is an unhandled one. Plain streams, and
 * `write` / `writeChunk`, still throw.
 */
import { breakReference, withPatch } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'CLOSE-003';

export default breakReference({
  name: 'close-write-after-close-rejects',
  breaks,
  wrapStream: (stream, _inner, options) => {
    const contentType = optionsRecord('options', options).contentType;
    if (typeof contentType !== 'string' || !contentType.toLowerCase().startsWith('text/event-stream')) return stream;
    let closeCalled = false;
    return withPatch(stream, {
      writeSSE(data, fields) {
        if (closeCalled) return Promise.reject(new Error('the event stream is closed'));
        return stream.writeSSE(data, fields);
      },
      close() {
        closeCalled = true;
        stream.close();
      },
    });
  },
});
