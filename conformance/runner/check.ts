/**
 * A check is one fast-check property (or one scripted scenario) that judges
 * one requirement. Several checks may judge the same requirement; the
 * requirement passes when all of them pass.
 */
import type { Parameters } from 'fast-check';
import type { ResolvedAdapter } from '../adapter/under-test.ts';
import type { Profile, RequirementId } from '../requirements/types.ts';
import type { Counterexample, RootCause, TranscriptChunk } from '../../reports/conformance/model.ts';

export interface CheckContext {
  adapter: ResolvedAdapter;
  /** fast-check parameters for this run (seed, numRuns, interruptAfterTimeLimit, ...). */
  fcParameters: Parameters<unknown>;
  /** Aborted when the check's time is up; pass it on to fetches and waits. */
  signal: AbortSignal;
  /** The per-check time limit in ms. */
  timeoutMs: number;
  /** Attach a wire transcript to the current failure (last call wins). */
  recordTranscript(chunks: TranscriptChunk[]): void;
  /**
   * Add a note to the requirement's result: how it was judged here, e.g. a
   * client that cannot work in this runtime and was left out (shown in the
   * reports; never a verdict). Optional: contexts made by tests may lack it.
   */
  note?(text: string): void;
}

export interface Check {
  /** The requirement this check judges. */
  requirement: RequirementId;
  /** Title, shown after the id: `[SSE-003] data is split on CR, LF and CRLF`. */
  title: string;
  /** Run profile; defaults to the requirement's. */
  profile?: Profile;
  /** Throws {@link CheckFailure} (or any error) on failure. */
  run(ctx: CheckContext): Promise<void>;
}

/** A failed check, with what is needed to read and replay it. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
  readonly counterexample: (Omit<Counterexample, 'replay'> & { replay?: string }) | undefined;
  /** What the failure comes down to, for grouping failures that share a root. */
  readonly rootCause: RootCause | undefined;
  constructor(
    message: string,
    counterexample?: Omit<Counterexample, 'replay'> & { replay?: string },
    options?: { cause?: unknown; rootCause?: RootCause },
  ) {
    super(message, options);
    this.counterexample = counterexample;
    this.rootCause = options?.rootCause;
  }
}

/**
 * Thrown by a check that cannot judge its own rule because the
 * implementation broke another requirement's rule first (web-platform-tests'
 * PRECONDITION_FAILED). The result is `blocked`, naming `blockedBy`; the
 * blocking requirement is the one that fails.
 */
export class CheckBlocked extends Error {
  override readonly name = 'CheckBlocked';
  readonly blockedBy: RequirementId;
  /** The input that showed it, when a property found it (set by checkProperty). */
  counterexample: (Omit<Counterexample, 'replay'> & { replay?: string }) | undefined;
  constructor(blockedBy: RequirementId, message: string) {
    super(message);
    this.blockedBy = blockedBy;
  }
}

/**
 * Thrown by a check of an optional capability (an API beyond the guide's:
 * `ready`, `closed`, `writeComment`, …) that the implementation does not
 * have (Autobahn's UNIMPLEMENTED). Never a failure.
 */
export class CheckUnimplemented extends Error {
  override readonly name = 'CheckUnimplemented';
  readonly capability: string;
  constructor(capability: string, message: string) {
    super(message);
    this.capability = capability;
  }
}

/**
 * Thrown by the suite's own code when it finds itself in a state it cannot
 * be in (a bug of streamconform, not of the implementation): the result is a
 * harness error, never a failure.
 */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}

/**
 * Thrown by the suite's drivers when the implementation answered with
 * something the API does not allow (`handle()` resolved to a non-Response,
 * `listen()` to something without `url`): a failure of the running check,
 * even though the suite's own code noticed it.
 */
export class ImplementationError extends TypeError {
  override readonly name = 'ImplementationError';
}

/** Whether `error` is an outcome that is not a verdict on the implementation's rule (blocked, unimplemented, harness error): passed on as it is. */
export function isNotAVerdict(error: unknown): error is CheckBlocked | CheckUnimplemented | HarnessError {
  return error instanceof CheckBlocked || error instanceof CheckUnimplemented || error instanceof HarnessError;
}
