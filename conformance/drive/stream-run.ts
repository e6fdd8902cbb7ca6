/**
 * One property run against the implementation, start to end: a fresh app, a
 * handler that builds a streamed response (by hand with `createStream`, or
 * from one of the response factories), one request, and the whole body read
 * back — every step bounded in time, every failure turned into a
 * {@link Mismatch} that says which step went wrong.
 */
import { isNotAVerdict, type CheckContext } from '../runner/check.ts';
import { type Context, type ManualStreamUnderTest, type StreamOptionsUnderTest } from '../adapter/under-test.ts';
import { Mismatch } from '../runner/property.ts';
import { attempt, CALL_WAIT_MS, CallLog, describeThrown } from './attempt.ts';
import { readBody, type ReadBody } from './body.ts';
import { exchange, within } from './exchange.ts';

/** What a run gives back: the response, its whole body, and what the handler's script returned. */
export interface StreamRun<T> {
  response: Response;
  body: ReadBody;
  result: T;
}

/**
 * Creates a manual stream with `options` (left out when undefined), runs
 * `script` on it inside the handler, closes it, returns `stream.response`
 * from the handler, and reads the body to its end. The script makes its
 * calls through `log` without awaiting them (as the guide's handlers do);
 * promises they returned are settled after the body was read.
 * @throws {@link Mismatch} when a step throws or hangs, a valid call's promise
 *   rejects, or the body does not end cleanly.
 */
export async function runManualStream<T>(
  ctx: CheckContext,
  options: StreamOptionsUnderTest | undefined,
  script: (stream: ManualStreamUnderTest, log: CallLog) => T | Promise<T>,
): Promise<StreamRun<T>> {
  const call = options === undefined ? 'createStream()' : `createStream(${JSON.stringify(options)})`;
  const log = new CallLog();
  let result!: T;
  const run = await runHandler(ctx, `${call}, the writes, close()`, async (c) => {
    const created = await attempt(() => c.createStream(options), call);
    if (created.threw) throw new Mismatch(`${call} threw ${describeThrown(created.error)}`);
    const stream = created.value;
    if (typeof stream !== 'object' || stream === null) throw new Mismatch(`${call} gave ${String(stream)}, not a stream`);
    result = await within(Promise.resolve(script(stream, log)), CALL_WAIT_MS, 'the writes');
    const closed = log.call(() => stream.close(), 'close()');
    if (closed.threw) throw new Mismatch(`close() threw ${describeThrown(closed.error)}`);
    return stream.response;
  });
  await log.expectFulfilled();
  return { ...run, result };
}

/**
 * Runs `respond` as the handler (it calls `ctx.sseResponse(...)` etc. and
 * returns the response), then reads the body to its end.
 * @param what - the call, for messages (`sseResponse(generator, {"retry":0})`)
 */
export async function runResponse(ctx: CheckContext, what: string, respond: (c: Context) => unknown): Promise<StreamRun<undefined>> {
  return runHandler(ctx, what, async (c) => {
    const made = await attempt(() => respond(c), what);
    if (made.threw) throw new Mismatch(`${what} threw ${describeThrown(made.error)}`);
    return made.value;
  });
}

/**
 * Sends one request to a fresh app whose route runs `handler`; the handler's
 * own {@link Mismatch} (or other throw) fails the run. Reads the body.
 */
export async function runHandler(ctx: CheckContext, what: string, handler: (c: Context) => Promise<unknown>): Promise<StreamRun<undefined>> {
  let failure: { error: unknown } | undefined;
  const route = async (c: Context): Promise<unknown> => {
    try {
      return await handler(c);
    } catch (error) {
      failure = { error };
      throw error;
    }
  };
  let response: Response;
  try {
    ({ response } = await within(exchange(ctx.adapter, route), CALL_WAIT_MS, `the response to ${what}`));
  } catch (error) {
    if (failure) throw failure.error instanceof Mismatch || isNotAVerdict(failure.error) ? failure.error : new Mismatch(`the handler failed: ${describeThrown(failure.error)}`);
    throw new Mismatch(`no response: ${describeThrown(error)}`);
  }
  if (failure) throw failure.error instanceof Mismatch || isNotAVerdict(failure.error) ? failure.error : new Mismatch(`the handler failed: ${describeThrown(failure.error)}`);
  const body = await readBody(response, { timeoutMs: CALL_WAIT_MS, signal: ctx.signal });
  if (body.end === 'timeout') {
    throw new Mismatch(`the body did not end within ${CALL_WAIT_MS} ms after ${what}`, { sent: body.bytes });
  }
  if (body.end === 'error') {
    throw new Mismatch(`the body ended in error after ${what}: ${describeThrown(body.error)}`, { sent: body.bytes });
  }
  return { response, body, result: undefined };
}

/** An async generator over `values`: the guide's way to feed the response factories. */
export async function* yieldEach<T>(values: readonly T[]): AsyncGenerator<T> {
  for (const value of values) yield value;
}
