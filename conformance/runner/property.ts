/**
 * Running a fast-check property as a check: the run's seed and number of
 * runs, and on failure a {@link CheckFailure} carrying the shrunk input,
 * the seed and path to replay it, and the bytes that were sent.
 */
import fc from 'fast-check';
import { escapeBytes } from '../bytes/escape.ts';
import { describeClientView, clientView } from '../oracles/event-stream.ts';
import { CheckBlocked, CheckFailure, isNotAVerdict, type CheckContext } from './check.ts';
import type { RootCause } from '../../reports/conformance/model.ts';

/**
 * Thrown by a property's predicate when the implementation got it wrong.
 * `sent` (the raw bytes) ends up in the report escaped, and for event
 * streams with how a WHATWG client reads them.
 */
export class Mismatch extends Error {
  override readonly name = 'Mismatch';
  readonly evidence: MismatchEvidence;
  constructor(message: string, evidence: MismatchEvidence = {}) {
    super(message);
    this.evidence = evidence;
  }
}

/** What a {@link Mismatch} carries into the report. */
export interface MismatchEvidence {
  sent?: Uint8Array;
  eventStream?: boolean;
  clientView?: string;
  /** The offending call and class of difference (reports group failures by it). */
  rootCause?: RootCause;
}

/** Runs a property with the run's parameters; throws a {@link CheckFailure} on failure. */
export async function checkProperty<Ts>(
  ctx: CheckContext,
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  overrides: Partial<fc.Parameters<Ts>> = {},
): Promise<void> {
  const details = await fc.check(property as fc.IAsyncPropertyWithHooks<Ts>, {
    ...(ctx.fcParameters as fc.Parameters<Ts>),
    ...overrides,
  });
  if (!details.failed) return;
  const error = details.errorInstance;
  // Not a verdict on the implementation: pass them on as they are.
  const input = details.counterexample === null ? '(none: interrupted)' : fc.stringify(details.counterexample);
  if (error instanceof CheckBlocked && error.counterexample === undefined) {
    error.counterexample = { seed: details.seed, path: details.counterexamplePath ?? undefined, input, shrinks: details.numShrinks };
  }
  if (isNotAVerdict(error)) throw error;
  let message: string;
  if (details.interrupted && details.counterexample === null) {
    message = `property interrupted after ${details.numRuns} runs: the implementation did not answer in time (check time limit ${ctx.timeoutMs} ms)`;
  } else if (error instanceof Error) {
    message = error.message;
  } else {
    message = `property failed: ${String(error)}`;
  }
  const evidence = error instanceof Mismatch ? error.evidence : {};
  throw new CheckFailure(
    message,
    {
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      input,
      shrinks: details.numShrinks,
      ...(evidence.sent ? { sent: escapeBytes(evidence.sent) } : {}),
      ...(evidence.clientView
        ? { clientView: evidence.clientView }
        : evidence.sent && evidence.eventStream
          ? { clientView: describeClientView(clientView(evidence.sent)) }
          : {}),
    },
    { cause: error, ...(evidence.rootCause ? { rootCause: evidence.rootCause } : {}) },
  );
}

/** Fails the current property run with a {@link Mismatch} unless `condition` holds. */
export function expectThat(condition: boolean, message: string, evidence?: Mismatch['evidence']): asserts condition {
  if (!condition) throw new Mismatch(message, evidence);
}
