/**
 * Runs checks directly (`check.run(ctx)`), as the runner will: a hand-built
 * `CheckContext` with the run's seed and numRuns, an abort on the time limit,
 * and the last recorded transcript kept.
 */
import { CheckFailure, type Check, type CheckContext } from '../../../conformance/runner/check.ts';
import { type ResolvedAdapter } from '../../../conformance/adapter/under-test.ts';
import type { TranscriptChunk } from '../../../reports/conformance/model.ts';

export interface CheckOutcome {
  check: Check;
  passed: boolean;
  error?: unknown;
  transcript?: TranscriptChunk[];
  durationMs: number;
}

export async function runCheck(adapter: ResolvedAdapter, check: Check, options: { seed?: number; numRuns?: number; timeoutMs?: number } = {}): Promise<CheckOutcome> {
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timer = setTimeout(() => controller.abort(new Error(`check time limit ${timeoutMs} ms`)), timeoutMs);
  let transcript: TranscriptChunk[] | undefined;
  const ctx: CheckContext = {
    adapter,
    fcParameters: { seed: options.seed ?? 42, numRuns: options.numRuns ?? 100 },
    signal: controller.signal,
    timeoutMs,
    recordTranscript: (chunks) => {
      transcript = chunks;
    },
  };
  const started = performance.now();
  try {
    await check.run(ctx);
    return { check, passed: true, durationMs: performance.now() - started };
  } catch (error) {
    return { check, passed: false, error, transcript, durationMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** One line per outcome, for logs. */
export function describeOutcome(outcome: CheckOutcome): string {
  const head = `[${outcome.check.requirement}] ${outcome.check.title}: ${outcome.passed ? 'pass' : 'FAIL'} (${outcome.durationMs.toFixed(0)} ms)`;
  if (outcome.passed) return head;
  const error = outcome.error;
  const message = error instanceof Error ? error.message : String(error);
  const input = error instanceof CheckFailure ? `\n  input: ${error.counterexample?.input}` : '';
  return `${head}\n  ${message}${input}`;
}
