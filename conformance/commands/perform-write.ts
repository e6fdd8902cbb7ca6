/**
 * What every write command checks (spec §2.10–§2.13): on an
 * open stream a valid write does not throw and adds its bytes; after close()
 * or after the client went away it throws an Error synchronously and adds
 * nothing (a returned promise, rejected or not, is no throw: the guide calls
 * writes without awaiting them) — when it does not, the model is blocked by
 * CLOSE-003 / CLOSE-004, whose rule that is; an invalid write throws a
 * TypeError and adds nothing, whatever the state.
 */
import { describeError } from '../adapter/load.ts';
import { isThenable } from '../drive/attempt.ts';
import { CheckBlocked } from '../runner/check.ts';
import { Mismatch } from '../runner/property.ts';
import { describeHistory, describeState, type StreamModel } from './model.ts';
import type { Segment } from './expected-bytes.ts';

function attempt(invoke: () => unknown): { threw: false; promise: boolean } | { threw: true; error: unknown } {
  let returned: unknown;
  try {
    returned = invoke();
  } catch (error) {
    return { threw: true, error };
  }
  if (!isThenable(returned)) return { threw: false, promise: false };
  // Judged here, as no synchronous throw; its rejection is not a stray one on top of that.
  Promise.resolve(returned).catch(() => {});
  return { threw: false, promise: true };
}

function noThrow(outcome: { promise: boolean }): string {
  return outcome.promise ? 'returned a promise instead of throwing' : 'did not throw';
}

/** Runs a valid write on the real stream and the model. */
export function performValidWrite(model: StreamModel, description: string, invoke: () => unknown, segment: Segment): void {
  const outcome = attempt(invoke);
  if (model.state === 'open') {
    if (outcome.threw) {
      throw new Mismatch(`${description} on an open stream threw ${describeError(outcome.error)} (${describeHistory(model)}); a valid write must be sent`);
    }
    model.expected.push(segment);
  } else if (!outcome.threw || !(outcome.error instanceof Error)) {
    // What a write on an ended stream does is CLOSE-003's rule (after close()) or CLOSE-004's (after the
    // client went away); the model cannot go on from a write it does not know the effect of.
    const blocker = model.state === 'closed' ? 'CLOSE-003' : 'CLOSE-004';
    const did = outcome.threw ? `threw ${describeError(outcome.error)}, not an Error` : noThrow(outcome);
    throw new CheckBlocked(blocker, `${description} on ${describeState(model.state)} ${did} (${describeHistory(model)}): ${blocker}'s rule (it must throw an Error synchronously and send nothing)`);
  }
  model.history.push(description);
}

/** Runs an invalid write: it must throw (a TypeError on an open stream) and add nothing. */
export function performInvalidWrite(model: StreamModel, description: string, reason: string, invoke: () => unknown): void {
  const outcome = attempt(invoke);
  if (!outcome.threw) {
    throw new Mismatch(`${description} ${noThrow(outcome)} on ${describeState(model.state)} (${describeHistory(model)}); ${reason}, so it must throw a TypeError and send nothing`);
  }
  if (model.state === 'open' && !(outcome.error instanceof TypeError)) {
    throw new Mismatch(`${description} threw ${describeError(outcome.error)}, not a TypeError (${describeHistory(model)}); ${reason}`);
  }
  model.history.push(description);
}
