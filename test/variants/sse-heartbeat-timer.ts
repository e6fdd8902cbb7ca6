/** sseResponse bodies open with a heartbeat comment and carry one every few milliseconds, from a timer, between events. */
import { vary } from './kit/vary.ts';

/** How often the heartbeat fires (short, so that every check's run sees several, at places that differ from run to run). */
const HEARTBEAT_MS = 3;
const HEARTBEAT = new TextEncoder().encode(':hb\n\n');
const LF = 0x0a;

export const departs =
  'a comment line opens every event stream and a timer sends one (":hb") on every event stream every few milliseconds, after whatever line was sent last, as servers send keep-alive comments on an interval; WHATWG HTML §9.2.6 (a line starting with a colon is ignored, inside an event block too) and §9.2.7 (comments keep connections alive). The bytes differ from run to run; what a client reads does not';

function withHeartbeat(inner: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = inner.getReader();
  let timer: ReturnType<typeof setInterval> | undefined;
  // Between events: at the start (the reference sends no BOM to come first) and after a blank line.
  let betweenEvents = true;
  let last = 0;
  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(HEARTBEAT);
        timer = setInterval(() => {
          // Only between events: inside one, the comment's blank line would dispatch the event early.
          if (betweenEvents) controller.enqueue(HEARTBEAT);
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
        const chunk = result.value;
        if (chunk.byteLength > 0) {
          const before = chunk.byteLength > 1 ? chunk[chunk.byteLength - 2]! : last;
          last = chunk[chunk.byteLength - 1]!;
          betweenEvents = before === LF && last === LF;
        }
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

function withHeartbeatResponse(response: Response): Response {
  if (response.body === null) return response;
  return new Response(withHeartbeat(response.body), { status: response.status, statusText: response.statusText, headers: response.headers });
}

export default vary({
  name: 'sse-heartbeat-timer',
  wrapContext: (ctx) => ({
    ...ctx,
    sseResponse: (source, options) => {
      const answer: unknown = ctx.sseResponse(source, options);
      if (answer instanceof Response) return withHeartbeatResponse(answer);
      return Promise.resolve(answer as Response | Promise<Response>).then(withHeartbeatResponse) as unknown as Response;
    },
  }),
});
