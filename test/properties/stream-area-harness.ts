/**
 * Running the STREAM / GEN / CLOSE checks in vitest: a hand-built
 * CheckContext (before the runner exists), the reference adapter, and
 * helpers to assert that a check passes or fails with a CheckFailure.
 */
import { expect } from 'vitest';
import type { Adapter } from '../../conformance/adapter/contract.ts';
import { resolveAdapter } from '../../conformance/adapter/load.ts';
import referenceAdapter from '../../conformance/adapter/reference-adapter.ts';
import { CheckBlocked, CheckFailure, CheckUnimplemented, type Check, type CheckContext } from '../../conformance/runner/check.ts';
import { type ResolvedAdapter } from '../../conformance/adapter/under-test.ts';

export async function resolved(adapter: Adapter<unknown>): Promise<ResolvedAdapter> {
  return resolveAdapter(adapter, adapter.name, { probe: false });
}

export function reference(): Promise<ResolvedAdapter> {
  return resolved(referenceAdapter as Adapter<unknown>);
}

export function checkContext(adapter: ResolvedAdapter, numRuns = 50, seed = 42): CheckContext {
  return {
    adapter,
    fcParameters: { seed, numRuns },
    signal: new AbortController().signal,
    timeoutMs: 10_000,
    recordTranscript() {},
  };
}

/** Runs `check` and returns its failure (undefined when it passed). */
export async function outcomeOf(check: Check, adapter: ResolvedAdapter, numRuns = 50, seed = 42): Promise<CheckFailure | undefined> {
  try {
    await check.run(checkContext(adapter, numRuns, seed));
    return undefined;
  } catch (error) {
    if (error instanceof CheckFailure) return error;
    throw error;
  }
}

/** Asserts that `check` passes on `adapter`, showing the failure if it does not. */
export async function expectPass(check: Check, adapter: ResolvedAdapter, numRuns = 50, seed = 42): Promise<void> {
  const failure = await outcomeOf(check, adapter, numRuns, seed);
  expect(failure, failure ? `${failure.message}\ninput: ${failure.counterexample?.input}\nsent: ${failure.counterexample?.sent}` : '').toBeUndefined();
}

/** Asserts that `check` fails on `adapter` with a CheckFailure whose message matches `pattern`. */
export async function expectFail(check: Check, adapter: ResolvedAdapter, pattern: RegExp, numRuns = 50): Promise<CheckFailure> {
  const failure = await outcomeOf(check, adapter, numRuns);
  expect(failure, `[${check.requirement}] ${check.title} passed on ${adapter.name}`).toBeInstanceOf(CheckFailure);
  expect(failure!.message).toMatch(pattern);
  return failure!;
}

/** Asserts that `check` reports `capability` unimplemented on `adapter` (an optional capability it lacks: spec §2a), neither passing nor failing. */
export async function expectUnimplemented(check: Check, adapter: ResolvedAdapter, capability: string): Promise<void> {
  const thrown = await check.run(checkContext(adapter, 5)).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown, `[${check.requirement}] ${check.title} on ${adapter.name}`).toBeInstanceOf(CheckUnimplemented);
  expect((thrown as CheckUnimplemented).capability).toBe(capability);
}

/** Asserts that `check` is blocked on `adapter` by `blocker` (another requirement's rule stood in its way), neither passing nor failing. */
export async function expectBlocked(check: Check, adapter: ResolvedAdapter, blocker: string, numRuns = 50): Promise<void> {
  const thrown = await check.run(checkContext(adapter, numRuns)).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown, `[${check.requirement}] ${check.title} on ${adapter.name}`).toBeInstanceOf(CheckBlocked);
  expect((thrown as CheckBlocked).blockedBy).toBe(blocker);
}

/** The one check of `checks` with this requirement and a title containing `titlePart`. */
export function pick(checks: readonly Check[], requirement: string, titlePart = ''): Check {
  const found = checks.filter((check) => check.requirement === requirement && check.title.includes(titlePart));
  if (found.length !== 1) throw new Error(`expected one check ${requirement} "${titlePart}", found ${found.length}`);
  return found[0]!;
}

/**
 * Runs `run` with vitest's own unhandled-rejection / uncaught-exception
 * listeners detached, so that a broken app's stray rejections are seen only by
 * the check under test (CLOSE-009), then puts them back.
 */
export async function withoutRunnerStrayListeners<T>(run: () => Promise<T>): Promise<T> {
  const rejectionListeners = process.listeners('unhandledRejection');
  const exceptionListeners = process.listeners('uncaughtException');
  for (const listener of rejectionListeners) process.off('unhandledRejection', listener);
  for (const listener of exceptionListeners) process.off('uncaughtException', listener);
  const swallow = (): void => {};
  process.on('unhandledRejection', swallow);
  try {
    return await run();
  } finally {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', swallow);
    for (const listener of rejectionListeners) process.on('unhandledRejection', listener);
    for (const listener of exceptionListeners) process.on('uncaughtException', listener);
  }
}
