/**
 * Small judgements the stream, generator and close checks share: read a body
 * that must end cleanly, compare bytes, call the implementation expecting it
 * to throw or not. Each failure is a {@link Mismatch} whose message names what
 * was called, what was expected and what arrived (escaped, CR/LF visible).
 */
import { describeError } from '../adapter/load.ts';
import type { CheckContext } from '../runner/check.ts';
import { Mismatch } from '../runner/property.ts';
import { readBody, type ReadBody } from './body.ts';
import { bytesEqual } from '../bytes/bytes.ts';
import { isThenable } from './attempt.ts';
import { escapeBytes } from '../bytes/escape.ts';

/** How long a body may take to end once the server side is done. */
export const BODY_END_MS = 2000;

/** Reads the whole body; it must end cleanly within {@link BODY_END_MS}. */
export async function readEndedBody(ctx: CheckContext, response: Response, after: string, evidence: { eventStream?: boolean } = {}): Promise<ReadBody> {
  const body = await readBody(response, { timeoutMs: BODY_END_MS, signal: ctx.signal });
  if (body.end === 'timeout') {
    throw new Mismatch(`the body did not end within ${BODY_END_MS} ms after ${after}`, { sent: body.bytes, ...evidence });
  }
  if (body.end === 'error') {
    throw new Mismatch(`the body ended in error (${describeError(body.error)}) after ${after}; it must end normally`, { sent: body.bytes, ...evidence });
  }
  return body;
}

/** The body must be exactly `expected`. */
export function expectBytes(actual: Uint8Array, expected: Uint8Array, what: string, evidence: { eventStream?: boolean } = {}): void {
  if (bytesEqual(actual, expected)) return;
  throw new Mismatch(`${what}: the body should be "${escapeBytes(expected)}" but is "${escapeBytes(actual)}"`, { sent: actual, ...evidence });
}

/** Calls `run`; a throw fails the run with `description` and the error. */
export function mustNotThrow<T>(description: string, run: () => T, context = ''): T {
  try {
    return run();
  } catch (error) {
    throw new Mismatch(`${description} threw ${describeError(error)}${context ? ` (${context})` : ''}`);
  }
}

/**
 * Calls `run`; it must throw an instance of `kind` (default Error)
 * synchronously: a returned promise — rejected or not — is no throw (the
 * guide makes these calls without awaiting them, inside try/catch). Returns the error.
 */
export function mustThrow(description: string, run: () => unknown, rule: string, kind: new (...args: never[]) => Error = Error): Error {
  let returned: unknown;
  try {
    returned = run();
  } catch (error) {
    if (error instanceof kind) return error;
    throw new Mismatch(`${description} threw ${describeError(error)}, not a ${kind.name}; ${rule}`);
  }
  if (isThenable(returned)) {
    // This is the failure; the promise's rejection must not count a second time as a stray one.
    Promise.resolve(returned).catch(() => {});
    throw new Mismatch(`${description} returned a promise instead of throwing; ${rule}`);
  }
  throw new Mismatch(`${description} did not throw; ${rule}`);
}
