/** Running one check by hand, as the runner does: a CheckContext with a seed, a run count and a time limit. */
import type { Check, CheckContext } from '../../conformance/runner/check.ts';
import type { ResolvedAdapter } from '../../conformance/adapter/under-test.ts';
import { CheckFailure } from '../../conformance/runner/check.ts';

export interface CheckOptions {
  seed?: number;
  numRuns?: number;
  timeoutMs?: number;
}

export function checkContext(adapter: ResolvedAdapter, options: CheckOptions = {}): CheckContext {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return {
    adapter,
    fcParameters: {
      seed: options.seed ?? 42,
      numRuns: options.numRuns ?? 100,
      interruptAfterTimeLimit: Math.floor(timeoutMs * 0.75),
      markInterruptAsFailure: true,
    },
    signal: new AbortController().signal,
    timeoutMs,
    recordTranscript() {},
  };
}

/** Runs `check`; resolves with the CheckFailure it threw, or undefined when it passed. Other errors propagate. */
export async function failureOf(check: Check, adapter: ResolvedAdapter, options: CheckOptions = {}): Promise<CheckFailure | undefined> {
  try {
    await check.run(checkContext(adapter, options));
    return undefined;
  } catch (error) {
    if (error instanceof CheckFailure) return error;
    throw error;
  }
}
