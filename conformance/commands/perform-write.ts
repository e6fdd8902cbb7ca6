/**
 * What every write command checks (DESIGN §3 "Close, abort, errors"): on an
 * open stream a valid write does not throw and adds its bytes; after close()
 * or after the client went away it throws an Error and adds nothing; an
 * invalid write throws a TypeError and adds nothing, whatever the state.
 */
import { describeError } from '../adapter/load.ts';
import { Mismatch } from '../runner/property.ts';
import { describeHistory, describeState, type StreamModel } from './model.ts';
import type { Segment } from './expected-bytes.ts';

function attempt(invoke: () => unknown): { threw: false } | { threw: true; error: unknown } {
  try {
    invoke();
    return { threw: false };
  } catch (error) {
    return { threw: true, error };
  }
}

/** Runs a valid write on the real stream and the model. */
export function performValidWrite(model: StreamModel, description: string, invoke: () => unknown, segment: Segment): void {
  const outcome = attempt(invoke);
  if (model.state === 'open') {
    if (outcome.threw) {
      throw new Mismatch(`${description} on an open stream threw ${describeError(outcome.error)} (${describeHistory(model)}); a valid write must be sent`);
    }
    model.expected.push(segment);
  } else if (!outcome.threw) {
    throw new Mismatch(`${description} on ${describeState(model.state)} did not throw (${describeHistory(model)}); it must throw an Error and send nothing`);
  } else if (!(outcome.error instanceof Error)) {
    throw new Mismatch(`${description} on ${describeState(model.state)} threw ${describeError(outcome.error)}, not an Error (${describeHistory(model)})`);
  }
  model.history.push(description);
}

/** Runs an invalid write: it must throw (a TypeError on an open stream) and add nothing. */
export function performInvalidWrite(model: StreamModel, description: string, reason: string, invoke: () => unknown): void {
  const outcome = attempt(invoke);
  if (!outcome.threw) {
    throw new Mismatch(`${description} did not throw on ${describeState(model.state)} (${describeHistory(model)}); ${reason}, so it must throw a TypeError and send nothing`);
  }
  if (model.state === 'open' && !(outcome.error instanceof TypeError)) {
    throw new Mismatch(`${description} threw ${describeError(outcome.error)}, not a TypeError (${describeHistory(model)}); ${reason}`);
  }
  model.history.push(description);
}
