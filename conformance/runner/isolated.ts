/**
 * Isolation: each adapter runs in a child process that this one watches.
 * An implementation that blocks the event loop (a synchronous endless loop
 * in a handler or generator) or ends the process cannot be stopped from
 * inside; here it costs the requirement that was running — a failure with a
 * message — and the run resumes in a fresh child with the next requirement.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requirements as registry } from '../requirements/index.ts';
import type { Requirement } from '../requirements/types.ts';
import type { AdapterReport, RequirementResult } from '../../reports/conformance/model.ts';
import type { ResolvedAdapter } from './check.ts';
import { base, DEFAULT_TIMEOUT_MS, finishAdapter, type SuiteOptions } from './run.ts';
import { gradeVerdict } from '../../reports/conformance/outcome.ts';

/** How long past its own time limit a check may go silent before its process is stopped. */
export const STALL_MARGIN_MS = 5_000;

/** What the parent sends the child: everything serializable it needs to run. */
export interface IsolatedRunRequest {
  source: string;
  ids: string[];
  options: Pick<SuiteOptions, 'seed' | 'runs' | 'level' | 'only' | 'profiles' | 'timeoutMs'>;
}

/** What the child reports. */
export type IsolatedRunMessage =
  | { type: 'start'; id: string }
  | { type: 'result'; result: RequirementResult }
  | { type: 'done' }
  | { type: 'fatal'; message: string };

const CHILD = fileURLToPath(new URL('./isolated-child.ts', import.meta.url));

export async function runAdapterIsolated(adapter: ResolvedAdapter, options: SuiteOptions): Promise<AdapterReport> {
  const all: readonly Requirement[] = options.requirements ?? registry;
  const results = new Map<string, RequirementResult>();
  const limitMs = (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + STALL_MARGIN_MS;
  options.onProgress?.({ kind: 'adapter-start', adapter: adapter.name, total: all.length });
  const record = (result: RequirementResult): void => {
    results.set(result.id, result);
    const index = all.findIndex((entry) => entry.id === result.id) + 1;
    options.onProgress?.({ kind: 'requirement-done', adapter: adapter.name, index, total: all.length, result });
  };
  for (;;) {
    const remaining = all.filter((entry) => !results.has(entry.id)).map((entry) => entry.id);
    if (remaining.length === 0) break;
    const outcome = await runChild({ source: adapter.source, ids: remaining, options: serializable(options) }, limitMs, record);
    if (outcome.kind === 'done') break;
    const stuck = all.find((entry) => entry.id === outcome.id);
    if (!stuck) throw new Error(`streamconform: the isolated run stopped before any requirement started: ${outcome.message}`);
    record({
      ...base(stuck),
      status: 'fail',
      verdict: gradeVerdict('fail', stuck.level),
      message: outcome.message,
      properties: 0,
      durationMs: outcome.durationMs,
    });
  }
  const ordered = all.map((entry) => results.get(entry.id)!);
  const report = finishAdapter(adapter, ordered, options);
  options.onProgress?.({ kind: 'adapter-done', adapter: adapter.name, report });
  return report;
}

function serializable(options: SuiteOptions): IsolatedRunRequest['options'] {
  return {
    seed: options.seed,
    runs: options.runs,
    level: options.level,
    ...(options.only ? { only: [...options.only] } : {}),
    ...(options.profiles ? { profiles: [...options.profiles] } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
}

type ChildOutcome = { kind: 'done' } | { kind: 'stopped'; id: string; message: string; durationMs: number };

function runChild(request: IsolatedRunRequest, limitMs: number, record: (result: RequirementResult) => void): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let current: { id: string; startedAt: number } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (outcome: ChildOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(outcome);
    };
    const stopped = (message: string): void => {
      const id = current?.id ?? '';
      finish({ kind: 'stopped', id, message, durationMs: current ? Math.round(performance.now() - current.startedAt) : 0 });
    };
    child.on('message', (message: IsolatedRunMessage) => {
      if (message.type === 'start') {
        current = { id: message.id, startedAt: performance.now() };
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            stopped(
              `the implementation blocked the event loop: the check gave no sign of life for ${limitMs} ms (its own time limit plus ${STALL_MARGIN_MS} ms), so its process was stopped — a synchronous endless loop in a handler, a generator or a stream call?`,
            ),
          limitMs,
        );
      } else if (message.type === 'result') {
        clearTimeout(timer);
        current = undefined;
        record(message.result);
      } else if (message.type === 'done') {
        finish({ kind: 'done' });
      } else {
        stopped(`the isolated run failed: ${message.message}`);
      }
    });
    child.on('exit', (code, signal) => {
      if (settled) return;
      stopped(`the process running the implementation ended during this check (${signal ? `signal ${signal}` : `exit code ${code}`}): did the implementation call process.exit() or crash Node?`);
    });
    child.send(request);
  });
}
