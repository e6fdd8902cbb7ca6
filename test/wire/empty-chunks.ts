/**
 * An implementation whose body streams carry empty chunks: every empty write
 * of a manual stream (`write("")`, `write(new Uint8Array(0))`) and every
 * empty value yielded to `streamResponse` puts an empty Uint8Array into the
 * response body (the reference's own body sends nothing for them). The bytes
 * are the reference's; a web stream may carry empty chunks (docs/spec.md
 * STREAM-005: an empty write sends no bytes and does not end the body), so
 * this is conforming in-process. Over HTTP/1.1 the bridge must then not
 * frame them: a chunk of size 0 is the last chunk (WIRE-017).
 */
import { withPatch, type BreakSpec } from '../broken/break.ts';
import { mapSource } from '../broken/sources.ts';

function isEmpty(value: unknown): boolean {
  return value === '' || (value instanceof Uint8Array && value.byteLength === 0);
}

/** How many empty chunks are due in a body. */
interface Due {
  count: number;
}

/**
 * `inner` with its body pulled through a stream that puts the empty chunks
 * due before the next chunk (and before the end). One chunk per pull: the
 * body is still pulled, not read ahead; cancelling it cancels `inner`'s.
 */
function withEmptyChunks(inner: Response, due: Due): Response {
  const reader = inner.body?.getReader();
  if (reader === undefined) return inner;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (due.count > 0) {
          due.count--;
          controller.enqueue(new Uint8Array(0));
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          for (; due.count > 0; due.count--) controller.enqueue(new Uint8Array(0));
          controller.close();
        } else {
          controller.enqueue(value);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: inner.status, statusText: inner.statusText, headers: inner.headers });
}

/** The spec parts that give manual streams and `streamResponse` bodies an empty chunk for every empty write. */
export function emptyChunksInBodies(): Pick<BreakSpec, 'wrapStream' | 'wrapContext'> {
  return {
    wrapStream: (stream) => {
      const due: Due = { count: 0 };
      let response: Response | undefined;
      return withPatch(stream, {
        write(data) {
          stream.write(data);
          if (isEmpty(data)) due.count++;
        },
        get response() {
          return (response ??= withEmptyChunks(stream.response, due));
        },
      });
    },
    wrapContext: (ctx) => ({
      ...ctx,
      streamResponse(iterable, options) {
        const due: Due = { count: 0 };
        const noted = mapSource('iterable', iterable, (value) => {
          if (isEmpty(value)) due.count++;
          return value;
        });
        return withEmptyChunks(ctx.streamResponse(noted, options), due);
      },
    }),
  };
}
