/** Event streams carry a heartbeat comment every few milliseconds, from a timer, wherever a line has just ended. */
import { vary } from './kit/vary.ts';

/** How often the heartbeat fires (short, so that every check's run sees several, at places that differ from run to run). */
const HEARTBEAT_MS = 3;
const HEARTBEAT = new TextEncoder().encode(':hb\n');
const LF = 0x0a;

export const departs =
  'a timer sends a comment line (":hb") on every event stream every few milliseconds, after whatever line was sent last, as servers send keep-alive comments on an interval; WHATWG HTML §9.2.6 (a line starting with a colon is ignored, inside an event block too) and §9.2.7 (comments keep connections alive). The bytes differ from run to run; what a client reads does not';

function withHeartbeat(inner: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = inner.getReader();
  let timer: ReturnType<typeof setInterval> | undefined;
  let atLineStart = false;
  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        timer = setInterval(() => {
          // Only after a line feed: after a CR the next byte may be the LF of a CRLF, which a comment would turn into a blank line.
          if (atLineStart) controller.enqueue(HEARTBEAT);
        }, HEARTBEAT_MS);
        timer.unref?.();
      },
      async pull(controller) {
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (error) {
          stop();
          controller.error(error);
          return;
        }
        if (result.done) {
          stop();
          controller.close();
          return;
        }
        if (result.value.byteLength > 0) atLineStart = result.value[result.value.byteLength - 1] === LF;
        controller.enqueue(result.value);
      },
      cancel(reason) {
        stop();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

export default vary({
  name: 'sse-heartbeat-timer',
  wrapResponse: (response) => {
    const type = response.headers.get('content-type') ?? '';
    if (response.body === null || !type.toLowerCase().startsWith('text/event-stream')) return response;
    return new Response(withHeartbeat(response.body), { status: response.status, statusText: response.statusText, headers: response.headers });
  },
});
