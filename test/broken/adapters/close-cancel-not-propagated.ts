/**
 * Breaks CLOSE-005: the body of generator responses does not pass a
 * cancellation on to its source, so the generator is never returned when the
 * client cancels the body (an aborted request still returns it).
 */
import { breakReference, type BrokenContext } from '../break.ts';

export const breaks = 'CLOSE-005';

function cancelSwallowed(response: Response): Response {
  if (response.body === null) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel() {
        // Not passed on: the source keeps waiting, its generator never returned.
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

export default breakReference({
  name: 'close-cancel-not-propagated',
  breaks,
  wrapContext: (ctx): BrokenContext => ({
    ...ctx,
    streamResponse: (iterable, options) => cancelSwallowed(ctx.streamResponse(iterable, options)),
    chunkedResponse: (chunks, options) => cancelSwallowed(ctx.chunkedResponse(chunks, options)),
    sseResponse: (iterable, options) => cancelSwallowed(ctx.sseResponse(iterable, options)),
  }),
});
