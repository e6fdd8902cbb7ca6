/**
 * Breaks CLOSE-009: on an event stream (`contentType: 'text/event-stream'`),
 * each `writeSSE` schedules a flush for the next tick; a flush that finds the
 * stream closed pushes anyway, and the push throws `ERR_STREAM_WRITE_AFTER_END`
 * out of band — an uncaught exception, as a Node stream's 'error' without a
 * listener is. Writes after close() still throw at the call, and plain
 * streams are the reference's.
 */
import { breakReference, withPatch } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'CLOSE-009';

function writeAfterEnd(): Error {
  return Object.assign(new Error('write after end'), { code: 'ERR_STREAM_WRITE_AFTER_END' });
}

export default breakReference({
  name: 'close-sse-write-after-end-uncaught',
  breaks,
  wrapStream: (stream, _inner, options) => {
    const contentType = optionsRecord('options', options).contentType;
    if (typeof contentType !== 'string' || !contentType.toLowerCase().startsWith('text/event-stream')) return stream;
    let closeCalled = false;
    let flushScheduled = false;
    const flush = (): void => {
      flushScheduled = false;
      if (closeCalled) throw writeAfterEnd();
    };
    return withPatch(stream, {
      writeSSE(data, fields) {
        stream.writeSSE(data, fields);
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      },
      close() {
        closeCalled = true;
        stream.close();
      },
    });
  },
});
