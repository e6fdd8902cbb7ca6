/**
 * The head of a response (status and headers), for the checks that judge
 * headers only (HDR-*, SSE-001..003): one request to a fresh app, the
 * response taken as soon as the handler returned it, the body cancelled
 * without being read, so that what the body does (ends cleanly, errors on a
 * chunk it cannot carry) plays no part in the verdict.
 */
import type { CheckContext } from '../runner/check.ts';
import type { Context } from '../adapter/under-test.ts';
import { Mismatch } from '../runner/property.ts';
import { attempt, CALL_WAIT_MS, describeThrown } from './attempt.ts';
import { exchange, within } from './exchange.ts';

/**
 * Runs `respond` as the handler and gives back the response; its body is
 * cancelled (errors ignored). `respond` throwing a {@link Mismatch} fails the
 * run with it; any other throw fails it as "threw on a valid call".
 * @param what - the call, for messages (`sseResponse(generator, {"retry":0})`)
 */
export async function responseHead(ctx: CheckContext, what: string, respond: (c: Context) => unknown): Promise<Response> {
  let failure: { error: unknown } | undefined;
  const route = async (c: Context): Promise<unknown> => {
    const made = await attempt(() => respond(c), what);
    if (!made.threw) return made.value;
    failure = { error: made.error };
    throw made.error;
  };
  let response: Response;
  try {
    ({ response } = await within(exchange(ctx.adapter, route), CALL_WAIT_MS, `the response to ${what}`));
  } catch (error) {
    throw failedRun(failure, what) ?? new Mismatch(`no response to ${what}: ${describeThrown(error)}`);
  }
  const failed = failedRun(failure, what);
  if (failed) throw failed;
  discardBody(response);
  return response;
}

function failedRun(failure: { error: unknown } | undefined, what: string): Mismatch | undefined {
  if (failure === undefined) return undefined;
  return failure.error instanceof Mismatch ? failure.error : new Mismatch(`${what} threw ${describeThrown(failure.error)}; it is a valid call`);
}

/** Cancels the body of `response` (if any), ignoring whatever the body does. */
export function discardBody(response: Response): void {
  if (response.body === null || response.bodyUsed) return;
  try {
    void response.body.cancel().catch(() => {});
  } catch {
    // A locked or broken body: nothing to cancel.
  }
}
