/**
 * A conforming variant: an empty write puts a zero-length Uint8Array into
 * the in-process body stream.
 */
import { breakReference, withPatch } from '../broken/break.ts';

export const departs =
  'write("") and write(new Uint8Array(0)) put a zero-length Uint8Array into the in-process body stream; that is no bytes and the body goes on (STREAM-005); that an empty write never reaches an HTTP/1.1 transport as its last-chunk marker is a property of the transport, judged on the wire';

/** Built from the reference like the broken adapters (`breaks` names the requirement whose precision it proves; it breaks nothing). */
export default {
  ...breakReference({
  name: 'stream-empty-chunk-in-body',
  breaks: 'STREAM-005',
  wrapStream: (stream, inner) => {
    const source = inner.response.body;
    if (source === null) return stream;
    const reader = source.getReader();
    let emptyWrites = 0;
    // Pulled only when the client reads (high-water mark 0), so bytes wait in the stream's own queue and `ready` keeps its meaning.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (emptyWrites > 0) {
            emptyWrites--;
            controller.enqueue(new Uint8Array(0));
            return;
          }
          try {
            const { done, value } = await reader.read();
            if (done) controller.close();
            else controller.enqueue(value);
          } catch (error) {
            controller.error(error);
          }
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    const response = new Response(body, { status: inner.response.status, statusText: inner.response.statusText, headers: inner.response.headers });
    return withPatch(stream, {
      write(data) {
        stream.write(data); // validation, and the throw once the stream ended, are the reference's
        if (data === '' || (data instanceof Uint8Array && data.byteLength === 0)) emptyWrites++;
      },
      get response(): Response {
        return response;
      },
    });
  },
}),
  name: 'variant/stream-empty-chunk-in-body',
};
