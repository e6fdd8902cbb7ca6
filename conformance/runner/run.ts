/**
 * The engine: runs every check of every requirement against each adapter,
 * one at a time, each under a time limit, treating the implementation as
 * hostile — its throws, hangs, unhandled rejections and uncaught exceptions
 * become failures of the check that was running, never the end of the run.
 */
import type { Profile, Requirement } from '../requirements/types.ts';
import { requirements as registry } from '../requirements/index.ts';
import type { AdapterReport, Counterexample, RequirementResult, RootCause, StrayError, TranscriptChunk } from '../../reports/conformance/model.ts';
import { describeError } from '../adapter/load.ts';
import { CheckBlocked, CheckFailure, CheckUnimplemented, HarnessError, type Check, type CheckContext } from './check.ts';
import { type ResolvedAdapter } from '../adapter/under-test.ts';
import { matchesAny, parseIdGlobs } from './id-glob.ts';
import { adapterReport, gradeVerdict } from '../../reports/conformance/outcome.ts';
import { isSuiteBug } from './suite-bug.ts';
import { settleResults, STRAY_ERRORS_REQUIREMENT, STRAY_ROOT_CAUSE } from './settle.ts';
import { DEFAULT_PROFILES, DEFAULT_TIMEOUT_MS, type SuiteOptions } from './options.ts';
import { attributeToRuntimeServer } from '../adapter/runtime-servers.ts';

/** Runs the requirements (default: the registry) against one adapter, in this process. */
export async function runAdapter(adapter: ResolvedAdapter, checks: readonly Check[], options: SuiteOptions): Promise<AdapterReport> {
  const requirementList = options.requirements ?? registry;
  const globs = parseIdGlobs(options.only ?? []);
  const profiles = new Set(options.profiles ?? DEFAULT_PROFILES);
  const results: RequirementResult[] = [];
  options.onProgress?.({ kind: 'adapter-start', adapter: adapter.name, total: requirementList.length });
  let index = 0;
  for (const requirement of requirementList) {
    index++;
    const all = checks.filter((check) => check.requirement === requirement.id);
    // A requirement may have checks of another profile (GEN-004 is judged in process and over a socket): only the enabled profiles' checks run.
    const own = all.filter((check) => profiles.has(check.profile ?? requirement.profile));
    let result: RequirementResult;
    if (!matchesAny(requirement.id, globs)) {
      result = skipped(requirement, `not selected by --only ${(options.only ?? []).join(',')}`);
    } else if (!profiles.has(requirement.profile) && own.length === 0) {
      result = skipped(requirement, profileSkipMessage(requirement.profile));
    } else if (own.length === 0 && all.length > 0) {
      result = skipped(requirement, profileSkipMessage(all[0]!.profile ?? requirement.profile));
    } else if (own.length === 0) {
      result = { ...base(requirement), status: 'skip', verdict: 'harness-error', message: 'no check judges this requirement (a bug in streamconform: please report it)', properties: 0, durationMs: 0 };
    } else {
      options.onRequirementStart?.(requirement.id);
      result = await runRequirement(adapter, requirement, own, options);
    }
    results.push(result);
    options.onProgress?.({ kind: 'requirement-done', adapter: adapter.name, index, total: requirementList.length, result });
  }
  const report = finishAdapter(adapter, results, options);
  options.onProgress?.({ kind: 'adapter-done', adapter: adapter.name, report });
  return report;
}

/** Settles an adapter's results once all are in (see {@link settleResults}) and builds its report. */
export function finishAdapter(adapter: ResolvedAdapter, results: readonly RequirementResult[], options: SuiteOptions): AdapterReport {
  const settled = settleResults(results, options.requirements ?? registry);
  settled.forEach((result, index) => {
    if (result !== results[index]) options.onProgress?.({ kind: 'requirement-revised', adapter: adapter.name, result });
  });
  return adapterReport(adapter.name, adapter.source, settled);
}

function profileSkipMessage(profile: Profile): string {
  if (profile === 'browser') return 'browser profile not enabled (run with --browser)';
  return `${profile} profile not enabled`;
}

export function base(requirement: Requirement) {
  return { id: requirement.id, level: requirement.level, title: requirement.title, profile: requirement.profile };
}

function skipped(requirement: Requirement, message: string): RequirementResult {
  return { ...base(requirement), status: 'skip', verdict: 'skipped', message, properties: 0, durationMs: 0 };
}

async function runRequirement(
  adapter: ResolvedAdapter,
  requirement: Requirement,
  checks: readonly Check[],
  options: SuiteOptions,
): Promise<RequirementResult> {
  const started = performance.now();
  const strays: StrayError[] = [];
  const notes: string[] = [];
  const finish = (fields: Omit<RequirementResult, keyof ReturnType<typeof base> | 'properties' | 'durationMs'>): RequirementResult =>
    attributeToRuntimeServer(adapter, {
      ...base(requirement),
      ...fields,
      ...(strays.length > 0 ? { strayErrors: strays } : {}),
      ...(notes.length > 0 ? { notes } : {}),
      properties: checks.length,
      durationMs: Math.round(performance.now() - started),
    });
  let unimplemented: CheckOutcome | undefined;
  for (const check of checks) {
    const outcome = await runCheck(adapter, check, options);
    for (const description of outcome?.strayErrors ?? []) strays.push({ during: requirement.id, description });
    for (const note of outcome?.notes ?? []) if (!notes.includes(note)) notes.push(note);
    if (outcome === undefined || outcome.kind === 'pass') continue;
    const message = `${check.title}: ${outcome.message}`;
    const counterexample = outcome.counterexample ? { counterexample: withReplay(outcome.counterexample, adapter, requirement, options) } : {};
    switch (outcome.kind) {
      case 'fail':
        return finish({
          status: 'fail',
          verdict: gradeVerdict('fail', requirement.level),
          message,
          ...counterexample,
          ...(outcome.rootCause ? { rootCause: outcome.rootCause } : {}),
        });
      case 'blocked':
        return finish({ status: 'skip', verdict: 'blocked', message, blockedBy: [outcome.blockedBy!], ...counterexample });
      case 'harness-error':
        return finish({ status: 'skip', verdict: 'harness-error', message, ...(outcome.harnessStack ? { harnessStack: outcome.harnessStack } : {}) });
      case 'unimplemented':
        // The other checks of the requirement may still judge what the implementation has.
        unimplemented ??= { ...outcome, message };
        break;
    }
  }
  if (unimplemented) return finish({ status: 'skip', verdict: 'unimplemented', message: unimplemented.message, capability: unimplemented.capability! });
  return finish({ status: 'pass', verdict: 'ok' });
}

function withReplay(
  counterexample: Omit<Counterexample, 'replay'> & { replay?: string },
  adapter: ResolvedAdapter,
  requirement: Requirement,
  options: SuiteOptions,
): Counterexample {
  return { ...counterexample, replay: counterexample.replay ?? replayCommand(adapter.source, requirement, options) };
}

/** The one line that replays a requirement's checks with the same seed. */
export function replayCommand(source: string, requirement: Requirement, options: Pick<SuiteOptions, 'seed' | 'runs'>): string {
  const browser = requirement.profile === 'browser' ? ' --browser' : '';
  return `npx streamconform run --adapter ${quoteArg(source)} --only ${requirement.id} --seed ${options.seed} --runs ${options.runs}${browser}`;
}

function quoteArg(value: string): string {
  return /^[\w./@:+-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** What one check came to. `pass` may still carry stray errors (judged by CLOSE-009, not by this check). */
export interface CheckOutcome {
  kind: 'pass' | 'fail' | 'blocked' | 'unimplemented' | 'harness-error';
  message: string;
  counterexample?: Omit<Counterexample, 'replay'> & { replay?: string };
  rootCause?: RootCause;
  /** kind `blocked`: the requirement whose rule failed first. */
  blockedBy?: RequirementResult['id'];
  /** kind `unimplemented`: the optional capability that is missing. */
  capability?: string;
  /** kind `harness-error`: the suite's own stack. */
  harnessStack?: string;
  /** Unhandled rejections / uncaught exceptions the implementation raised during the check, described. */
  strayErrors?: string[];
  /** What the check noted about how it judged (CheckContext.note). */
  notes?: string[];
}

/** Errors the implementation raised outside any promise chain, pinned on the running check. */
let strayErrors: unknown[] | undefined;
function onStray(error: unknown): void {
  if (strayErrors) strayErrors.push(error);
}

/** Runs one check under its time limit. Returns undefined when it passed and nothing stray happened. */
export async function runCheck(adapter: ResolvedAdapter, check: Check, options: SuiteOptions): Promise<CheckOutcome | undefined> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let transcript: TranscriptChunk[] | undefined;
  const notes: string[] = [];
  const ctx: CheckContext = {
    adapter,
    fcParameters: {
      seed: options.seed,
      numRuns: options.runs,
      // Leave a margin so fast-check reports (and shrinks) before the hard limit.
      interruptAfterTimeLimit: Math.floor(timeoutMs * 0.75),
      markInterruptAsFailure: true,
      endOnFailure: false,
    },
    signal: controller.signal,
    timeoutMs,
    recordTranscript(chunks) {
      transcript = chunks;
    },
    note(text) {
      if (!notes.includes(text)) notes.push(text);
    },
  };
  const errors: unknown[] = [];
  strayErrors = errors;
  process.on('unhandledRejection', onStray);
  process.on('uncaughtException', onStray);
  let timer: NodeJS.Timeout | undefined;
  let outcome: CheckOutcome | undefined;
  try {
    await Promise.race([
      check.run(ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort(new Error('check timed out'));
          reject(new CheckTimeout(timeoutMs));
        }, timeoutMs);
      }),
    ]);
  } catch (error) {
    outcome = toOutcome(error);
  } finally {
    clearTimeout(timer);
    controller.abort();
    // Let rejections the implementation left behind surface before judging.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onStray);
    process.off('uncaughtException', onStray);
    strayErrors = undefined;
  }
  if (errors.length > 0) {
    if (check.requirement === STRAY_ERRORS_REQUIREMENT) {
      // CLOSE-009's own checks judge what they provoke themselves.
      outcome ??= {
        kind: 'fail',
        message: `the implementation raised ${errors.length} unhandled rejection(s)/uncaught exception(s) during this check; first: ${describeError(errors[0])}`,
        rootCause: STRAY_ROOT_CAUSE,
      };
    }
    // Otherwise judged by CLOSE-009 once the run is over (settleResults), and shown on this check.
    outcome ??= { kind: 'pass', message: '' };
    outcome.strayErrors = errors.map((error) => describeError(error));
  }
  if (notes.length > 0) {
    outcome ??= { kind: 'pass', message: '' };
    outcome.notes = notes;
  }
  if (outcome && outcome.kind !== 'pass' && transcript) {
    outcome.counterexample = { ...(outcome.counterexample ?? { seed: options.seed, input: '(scenario)' }), transcript };
  }
  return outcome;
}

class CheckTimeout extends Error {
  readonly ms: number;
  constructor(ms: number) {
    super(`the check did not finish within ${ms} ms: the implementation hung (a handler that never returns, a body that never ends, or a generator that never stops)`);
    this.ms = ms;
  }
}

function toOutcome(error: unknown): CheckOutcome {
  if (error instanceof CheckBlocked) return { kind: 'blocked', message: error.message, blockedBy: error.blockedBy, ...(error.counterexample ? { counterexample: error.counterexample } : {}) };
  if (error instanceof CheckUnimplemented) return { kind: 'unimplemented', message: error.message, capability: error.capability };
  const bug = suiteBugOf(error);
  if (bug) {
    return {
      kind: 'harness-error',
      message: `streamconform itself broke while judging (not a verdict on the implementation; please report it with this run's command and seed): ${bug.name}: ${bug.message}`,
      harnessStack: bug.stack ?? `${bug.name}: ${bug.message}`,
    };
  }
  if (error instanceof CheckFailure) {
    return {
      kind: 'fail',
      message: error.message,
      ...(error.counterexample ? { counterexample: error.counterexample } : {}),
      ...(error.rootCause ? { rootCause: error.rootCause } : {}),
    };
  }
  if (error instanceof CheckTimeout) return { kind: 'fail', message: error.message };
  return { kind: 'fail', message: `the check threw: ${describeError(error)}` };
}

/** The suite's own error behind `error` (itself, or the cause a property failure carries), if it is one. */
function suiteBugOf(error: unknown): Error | undefined {
  if (error instanceof HarnessError) return error;
  if (error instanceof CheckFailure) return error.cause instanceof HarnessError || isSuiteBug(error.cause) ? (error.cause as Error) : undefined;
  return isSuiteBug(error) ? (error as Error) : undefined;
}
