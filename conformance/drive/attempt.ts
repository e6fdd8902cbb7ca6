/**
 * Calling into the implementation and keeping what happened: a value, or
 * what was thrown (synchronously, or by a returned promise that rejected).
 * Every wait is bounded.
 */
import { escapeText } from '../bytes/escape.ts';
import { Mismatch } from '../runner/property.ts';
import { within } from './exchange.ts';

/** How long one call into the implementation may take before it counts as hung. */
export const CALL_WAIT_MS = 2000;

export type Attempt<T> = { threw: false; value: T } | { threw: true; error: unknown; async: boolean };

/**
 * Calls `call`; a returned thenable is awaited (bounded by {@link CALL_WAIT_MS}).
 * A hang is reported as a thrown `Error` whose message says what hung.
 */
export async function attempt<T>(call: () => T, what: string): Promise<Attempt<Awaited<T>>> {
  let result: T;
  try {
    result = call();
  } catch (error) {
    return { threw: true, error, async: false };
  }
  if (!isThenable(result)) return { threw: false, value: result as Awaited<T> };
  try {
    return { threw: false, value: await within(Promise.resolve(result), CALL_WAIT_MS, `${what} returned a promise that did not settle`) };
  } catch (error) {
    return { threw: true, error, async: true };
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** `TypeError: message` for errors, a short description of anything else thrown (for failure messages). */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${escapeText(error.message)}`;
  if (typeof error === 'string') return `the string "${escapeText(error)}"`;
  return `a non-Error value (${escapeText(String(error))})`;
}

/** What {@link CallLog.call} gives back at once: a synchronous throw, or the later outcome. */
export type ImmediateCall = { threw: true; error: unknown } | { threw: false; settled: Promise<Attempt<unknown>> };

/**
 * The writes a handler makes before it returns the response (the guide's
 * way): each call is made at once and not awaited — an implementation may
 * resolve a write's promise only once the client read it — and what it
 * returned is settled after the body was read.
 */
export class CallLog {
  readonly #expected: Array<{ what: string; settled: Promise<Attempt<unknown>> }> = [];

  /**
   * Calls `call` now. A synchronous throw is returned at once; a returned
   * promise is kept (its rejection handled) and, when `mustFulfil`, checked
   * by {@link CallLog.expectFulfilled}.
   */
  call(call: () => unknown, what: string, mustFulfil = true): ImmediateCall {
    let result: unknown;
    try {
      result = call();
    } catch (error) {
      return { threw: true, error };
    }
    const settled: Promise<Attempt<unknown>> = isThenable(result)
      ? within(Promise.resolve(result), CALL_WAIT_MS, `${what} returned a promise that did not settle`).then(
          (value): Attempt<unknown> => ({ threw: false, value }),
          (error: unknown): Attempt<unknown> => ({ threw: true, error, async: true }),
        )
      : Promise.resolve({ threw: false, value: result });
    if (mustFulfil) this.#expected.push({ what, settled });
    return { threw: false, settled };
  }

  /** Fails with a {@link Mismatch} if a promise a valid call returned rejected (or never settled). */
  async expectFulfilled(): Promise<void> {
    for (const { what, settled } of this.#expected) {
      const outcome = await settled;
      if (outcome.threw) throw new Mismatch(`${what} returned a promise that rejected with ${describeThrown(outcome.error)}; it is a valid call`);
    }
  }
}
