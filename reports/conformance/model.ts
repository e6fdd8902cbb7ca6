/**
 * The shape of `conformance.json` (README "Reading a report"). Every renderer reads this and
 * nothing else; `reports/conformance/conformance.schema.json` describes the
 * same shape for other tools.
 */
/*
 * The report's vocabulary, declared here so that the reports layer depends on
 * nothing above it; the requirement registry (conformance/requirements/types.ts)
 * takes these types from here.
 */
/** Requirement areas. */
export type Area = 'SSE' | 'CHUNK' | 'HDR' | 'STREAM' | 'GEN' | 'CLOSE' | 'WIRE' | 'BROWSER';
/** RFC 2119 level. A failed SHOULD is "non-strict" and fails a run only at `--level should`. */
export type Level = 'MUST' | 'SHOULD';
/** `AREA-NNN`, opaque, never reused. */
export type RequirementId = `${Area}-${string}`;
/** How a requirement is checked: in-process on `Response`s, over a socket, or in a browser. */
export type Profile = 'in-process' | 'wire' | 'browser';
/** The JavaScript runtime the implementation under test ran in (`--runtime`; the harness itself runs on Node). */
export type RuntimeName = 'node' | 'bun' | 'deno';

/**
 * The raw outcome, as tools that know only three values read it. A result
 * that was not judged (skipped, blocked, unimplemented, harness error) has
 * status `skip`; its {@link Verdict} says which.
 */
export type Status = 'pass' | 'fail' | 'skip';

/**
 * Graded verdict, as in Autobahn|Testsuite:
 * - `ok`: passed;
 * - `failed`: a MUST failed;
 * - `non-strict`: a SHOULD failed (fails the run only at `--level should`);
 * - `skipped`: not run (filtered out by `--only`, or its profile not enabled);
 * - `blocked`: the check could not judge its rule because another
 *   requirement's rule failed first ({@link RequirementResult.blockedBy};
 *   web-platform-tests' PRECONDITION_FAILED). The blocking requirement is
 *   what fails the run; a blocked result fails it only when none of its
 *   blockers failed in the same run (so nothing is hidden behind `--only`);
 * - `unimplemented`: the requirement is about an optional capability the
 *   implementation does not have ({@link RequirementResult.capability};
 *   Autobahn's UNIMPLEMENTED); never fails the run;
 * - `harness-error`: the suite's own code broke while judging; never counted
 *   against the implementation (the run exits 3 when nothing else failed).
 */
export type Verdict = 'ok' | 'failed' | 'non-strict' | 'skipped' | 'blocked' | 'unimplemented' | 'harness-error';

/** Every verdict, in the order reports list them. */
export const VERDICTS: readonly Verdict[] = ['ok', 'failed', 'non-strict', 'blocked', 'unimplemented', 'harness-error', 'skipped'];

/**
 * What a failure comes down to, so that reports can group failures that
 * share it ("fix these first"): the call of the API under test that
 * misbehaved, and the class of difference between what was expected and
 * what arrived. Two failures with the same root are most likely one defect.
 */
export interface RootCause {
  /** The offending call, e.g. `writeSSE`, `sseResponse`, `createStream`, `close`, `handle` (the response as a whole). */
  call: string;
  /** The class of difference, short and stable across inputs: `data line without the space`, `missing last chunk`. */
  difference: string;
}

/** An unhandled rejection or uncaught exception the implementation raised while a check ran. */
export interface StrayError {
  /** The requirement whose check was running. */
  during: RequirementId;
  /** The error, described (name, message, first stack lines). */
  description: string;
}

/** What `--expect` made of a result. */
export type Expectation = 'expected' | 'unexpected-fail' | 'unexpected-pass';

/** One chunk of bytes as it arrived, for wire transcripts. */
export interface TranscriptChunk {
  /** Milliseconds since the request was sent. */
  atMs: number;
  /** The bytes, escaped: printable ASCII as is, CR as `\r`, LF as `\n`, others `\xNN` / `\u{...}`. */
  escaped: string;
  /** Number of raw bytes. */
  length: number;
}

/** Everything needed to read and replay a failure. */
export interface Counterexample {
  /** fast-check seed of the run that failed. */
  seed: number;
  /** fast-check path of the shrunk case (`--path` to replay just it). */
  path?: string;
  /** The shrunk input, printed by `fc.stringify`. */
  input: string;
  /** Number of shrinks that led to `input`. */
  shrinks?: number;
  /** The bytes the implementation sent, escaped (CR/LF visible). */
  sent?: string;
  /** How a WHATWG event-stream client reads `sent` (events as JSON), when relevant. */
  clientView?: string;
  /** Wire checks: chunk boundaries and arrival times. */
  transcript?: TranscriptChunk[];
  /** One line that replays this failure. */
  replay: string;
}

export interface RequirementResult {
  id: RequirementId;
  level: Level;
  title: string;
  status: Status;
  verdict: Verdict;
  profile: Profile;
  /** Why it failed (or was skipped, blocked, unimplemented, or what broke in the suite). */
  message?: string;
  counterexample?: Counterexample;
  /** Verdict `blocked`: the requirements whose failure kept this one from being judged. */
  blockedBy?: RequirementId[];
  /** Verdict `unimplemented`: the optional capability the implementation lacks (`ready`, `writeComment`, …). */
  capability?: string;
  /** Verdict `harness-error`: the suite's own stack, to report as a bug of streamconform. */
  harnessStack?: string;
  /** Verdict `failed` / `non-strict`: what the failure comes down to (see {@link RootCause}). */
  rootCause?: RootCause;
  /**
   * Unhandled rejections / uncaught exceptions the implementation raised
   * while this requirement's checks ran. They are judged by CLOSE-009, not
   * by this requirement; they are shown here so the reader sees where.
   */
  strayErrors?: StrayError[];
  /**
   * How it was judged here, when that needs saying: a client left out because
   * it cannot work in this runtime, a failure that is the runtime's own server's
   * rather than the implementation's (spec §2.16). Never a verdict.
   */
  notes?: string[];
  /** How many properties checked it, and how long they took. */
  properties: number;
  durationMs: number;
  /** Present when `--expect` was given. */
  expectation?: Expectation;
}

/** The runtime an implementation ran in (`--runtime`). */
export interface RuntimeInfo {
  name: RuntimeName;
  /** Its own version (Bun's, Deno's, Node's), e.g. `1.4.5`. */
  version: string;
}

export interface AdapterReport {
  name: string;
  /** What was passed to `--adapter`. */
  source: string;
  /**
   * The runtime the implementation and its checks ran in. One report column
   * is one adapter in one runtime; reports of older versions lack it (they
   * ran on Node).
   */
  runtime?: RuntimeInfo;
  /**
   * The column's label in reports and the key of expectation files: the
   * name, or `name (runtime)` when the run had a runtime other than Node
   * (reports/conformance/columns.ts). Absent in older reports: the name.
   */
  column?: string;
  /**
   * Counts by verdict: `pass` ok, `fail` failed + non-strict, `skip` skipped
   * (by `--only` or profile), and the three outcomes that are neither.
   */
  summary: { pass: number; fail: number; skip: number; blocked: number; unimplemented: number; harnessError: number };
  requirements: RequirementResult[];
  /** Failures grouped by shared root, most requirements first ("fix these first"). */
  rootCauses: RootCauseGroup[];
}

/** Failed requirements that share a {@link RootCause}. */
export interface RootCauseGroup extends RootCause {
  /** The failed requirements it explains, in registry order. */
  requirements: RequirementId[];
}

export interface ConformanceReport {
  tool: 'streamconform';
  version: string;
  seed: number;
  runs: number;
  level: 'must' | 'should';
  startedAt: string;
  durationMs: number;
  /** Overall: did the run pass at its level (taking `--expect` into account)? */
  passed: boolean;
  /** The command that reproduces this run. */
  command: string;
  /**
   * Present when `--expect` was given: what in the expectation file did not
   * match this run (an unknown requirement id, an adapter not in the run).
   * Set by `applyExpectations` (conformance/expectations).
   */
  expectationWarnings?: string[];
  adapters: AdapterReport[];
}
