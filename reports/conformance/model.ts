/**
 * The shape of `conformance.json` (DESIGN §2). Every renderer reads this and
 * nothing else; `reports/conformance/conformance.schema.json` describes the
 * same shape for other tools.
 */
import type { Level, Profile, RequirementId } from '../../conformance/requirements/types.ts';

export type Status = 'pass' | 'fail' | 'skip';

/**
 * Graded verdict, as in Autobahn|Testsuite:
 * - `ok`: passed;
 * - `failed`: a MUST failed;
 * - `non-strict`: a SHOULD failed (fails the run only at `--level should`);
 * - `skipped`: not run (filtered out by `--only`, or its profile not enabled).
 */
export type Verdict = 'ok' | 'failed' | 'non-strict' | 'skipped';

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
  /** Why it failed (or was skipped). */
  message?: string;
  counterexample?: Counterexample;
  /** How many properties checked it, and how long they took. */
  properties: number;
  durationMs: number;
  /** Present when `--expect` was given. */
  expectation?: Expectation;
}

export interface AdapterReport {
  name: string;
  /** What was passed to `--adapter`. */
  source: string;
  summary: { pass: number; fail: number; skip: number };
  requirements: RequirementResult[];
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
