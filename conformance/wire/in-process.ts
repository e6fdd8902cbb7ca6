/**
 * The same route, in-process: a fresh app with `handler` at the check path,
 * one request through the adapter's `handle`, the body read to its end. A
 * wire check whose symptom could come from the body itself as well as from
 * the bridge (a body that ends at an empty write) replays its run here to
 * tell which.
 */
import { CHECK_PATH, type Handler } from '../drive/exchange.ts';
import { readBody, type ReadBody } from '../drive/body.ts';
import { ImplementationError, type CheckContext } from '../runner/check.ts';

const ORIGIN = 'http://streamconform.test';

/** Reads the in-process body of `handler` (at most `timeoutMs`; never rejects for how the body ends). */
export async function inProcessBody(ctx: CheckContext, handler: Handler, timeoutMs: number): Promise<ReadBody> {
  const app = await ctx.adapter.createApp();
  app.get(CHECK_PATH, handler);
  const response: unknown = await ctx.adapter.handle(app, new Request(`${ORIGIN}${CHECK_PATH}`));
  if (!(response instanceof Response)) {
    throw new ImplementationError(`${ctx.adapter.name}: handle() resolved to ${Object.prototype.toString.call(response)}, not a Response`);
  }
  return readBody(response, { timeoutMs, signal: ctx.signal });
}
