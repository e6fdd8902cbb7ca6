/**
 * Isolation: each adapter runs in a child process that this one watches.
 * An implementation that blocks the event loop (a synchronous endless loop
 * in a handler or generator) or ends the process cannot be stopped from
 * inside; here it costs the requirement that was running — a failure with a
 * message — and the run resumes in a fresh child with the next requirement.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requirements as registry } from '../requirements/index.ts';
import type { Requirement } from '../requirements/types.ts';
import type { AdapterReport, RequirementResult } from '../../reports/conformance/model.ts';
import type { ResolvedAdapter } from '../adapter/under-test.ts';
import type { RuntimeName } from '../adapter/runtime.ts';
import { findRuntime, runtimeArguments } from './runtimes.ts';
import { attributeToRuntimeServer } from '../adapter/runtime-servers.ts';
import { base, finishAdapter } from '../runner/run.ts';
import { DEFAULT_TIMEOUT_MS, type SuiteOptions } from '../runner/options.ts';
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
  /** Loaded; `runtime` and `version` say what it runs on (Bun, Deno and Node can all speak this channel). */
  | { type: 'ready'; runtime?: RuntimeName; version?: string }
  | { type: 'start'; id: string }
  | { type: 'result'; result: RequirementResult }
  | { type: 'done' }
  | { type: 'fatal'; message: string };

/**
 * The child's entry: the sibling file with this file's own extension —
 * `isolated-child.ts` beside the sources, `isolated-child.js` in the built
 * package (`dist/`), where no module may be TypeScript.
 */
const OWN_EXTENSION = extname(fileURLToPath(import.meta.url));
const CHILD = fileURLToPath(new URL(`./isolated-child${OWN_EXTENSION}`, import.meta.url));

/** How long the child may take to load (Node, tsx, the checks) before it counts as not started. */
export const STARTUP_LIMIT_MS = 60_000;

/** How much of a child's error output that ended before it was ready is quoted (characters, from the end). */
const STARTUP_OUTPUT_CHARS = 2_000;

/**
 * The process that runs the checks could not be started, or ended before its
 * first requirement: nothing was checked. The CLI exits 2 with this message.
 */
export class ChildStartError extends Error {
  override readonly name = 'ChildStartError';
  readonly code = 'STREAMCONFORM_CHILD_START';
}

/**
 * The TypeScript loader the child is started with (`--import`), as a file
 * URL resolved from this file's own location — not from the working folder,
 * where `tsx` need not resolve (a folder outside the project, a pnpm layout).
 */
export function childLoader(): string {
  try {
    // tsx's "." export is its ESM loader (for --import), for import and require alike.
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch (error) {
    throw new ChildStartError(
      `cannot start the process that runs the checks: its TypeScript loader tsx does not resolve from ${fileURLToPath(new URL('.', import.meta.url))} (${(error as Error).message.split('\n')[0]}); is streamconform installed with its dependencies?`,
    );
  }
}

/** How the child is started; a test may name another loader. */
export interface ChildLaunch {
  /**
   * Node: what `--import` gets. Default: {@link childLoader} when the harness runs
   * from its TypeScript sources; none when it runs from the built package,
   * whose child is JavaScript (a TypeScript adapter gets tsx when it is
   * loaded, see `adapter/typescript-loader.ts`).
   */
  loader?: string;
  /** The runtime the child runs in (default `node`): `--runtime`. */
  runtime?: RuntimeName;
  /** Its executable (default: {@link findRuntime}). */
  executable?: string;
  /** How progress events and messages name this run (default: the adapter's name; `reference (bun)` in a run of several runtimes). */
  label?: string;
  /** Called once the child is ready, with the version of the runtime it reports. */
  onReady?(version: string): void;
}

/** How a run in a child is started: executable, its arguments, and how the error messages name it. */
interface ChildCommand {
  runtime: RuntimeName;
  executable: string;
  execArgv: string[];
}

export async function runAdapterIsolated(adapter: ResolvedAdapter, options: SuiteOptions, launch: ChildLaunch = {}): Promise<AdapterReport> {
  const runtime = launch.runtime ?? 'node';
  const label = launch.label ?? adapter.name;
  const command: ChildCommand = {
    runtime,
    executable: launch.executable ?? findRuntime(runtime),
    execArgv: runtimeArguments(runtime, runtime === 'node' ? (launch.loader ?? (OWN_EXTENSION === '.ts' ? childLoader() : undefined)) : undefined),
  };
  const all: readonly Requirement[] = options.requirements ?? registry;
  const results = new Map<string, RequirementResult>();
  let version = 'unknown';
  const onReady = (reported: string): void => {
    version = reported;
    launch.onReady?.(reported);
  };
  const limitMs = (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + STALL_MARGIN_MS;
  options.onProgress?.({ kind: 'adapter-start', adapter: label, total: all.length });
  const record = (result: RequirementResult): void => {
    results.set(result.id, result);
    const index = all.findIndex((entry) => entry.id === result.id) + 1;
    options.onProgress?.({ kind: 'requirement-done', adapter: label, index, total: all.length, result });
  };
  for (;;) {
    const remaining = all.filter((entry) => !results.has(entry.id)).map((entry) => entry.id);
    if (remaining.length === 0) break;
    const outcome = await runChild({ source: adapter.source, ids: remaining, options: serializable(options) }, command, limitMs, record, onReady);
    if (outcome.kind === 'done') break;
    if (outcome.kind === 'not-started') throw new ChildStartError(outcome.message);
    const stuck = all.find((entry) => entry.id === outcome.id);
    if (!stuck) {
      throw new ChildStartError(`the process that runs the checks for ${label} stopped before its first requirement started: ${outcome.message}`);
    }
    // A runtime's own server can bring the process down by itself (spec §2.16): then it is that runtime's verdict.
    record(
      attributeToRuntimeServer(
        adapter,
        { ...base(stuck), status: 'fail', verdict: gradeVerdict('fail', stuck.level), message: outcome.message, properties: 0, durationMs: outcome.durationMs },
        runtime,
      ),
    );
  }
  const ordered = all.map((entry) => results.get(entry.id)!);
  const report: AdapterReport = { ...finishAdapter(adapter, ordered, options), runtime: { name: runtime, version } };
  options.onProgress?.({ kind: 'adapter-done', adapter: label, report });
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

type ChildOutcome =
  | { kind: 'done' }
  | { kind: 'stopped'; id: string; message: string; durationMs: number }
  /** The child could not be started, or ended before it was ready. */
  | { kind: 'not-started'; message: string };

function runChild(
  request: IsolatedRunRequest,
  launch: ChildCommand,
  limitMs: number,
  record: (result: RequirementResult) => void,
  onReady: ((version: string) => void) | undefined,
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const command = [launch.executable, ...launch.execArgv, CHILD].join(' ');
    // Its error output is held until it is ready (then passed through as it comes), so that a child
    // that cannot start is reported in one message that quotes it, not with a stack trace before it.
    // Bun and Deno speak Node's IPC channel (JSON serialization), so every runtime is watched the same way.
    const child: ChildProcess = fork(CHILD, [], {
      execPath: launch.executable,
      execArgv: launch.execArgv,
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      // Deno colours its error output unless told not to; quoted in a message, colour codes are noise.
      ...(launch.runtime === 'deno' ? { env: { ...process.env, NO_COLOR: '1' } } : {}),
    });
    let ready = false;
    let heldOutput = '';
    /** The end of what the child wrote to its error output since its current check started (quoted when it crashes). */
    let checkOutput = '';
    child.stderr?.on('data', (data: Buffer) => {
      if (ready) {
        process.stderr.write(data);
        checkOutput = (checkOutput + data.toString()).slice(-STARTUP_OUTPUT_CHARS);
      } else heldOutput = (heldOutput + data.toString()).slice(-STARTUP_OUTPUT_CHARS);
    });
    let current: { id: string; startedAt: number } | undefined;
    let timer: NodeJS.Timeout | undefined = setTimeout(
      () => notStarted(`it was not ready within ${STARTUP_LIMIT_MS} ms`),
      STARTUP_LIMIT_MS,
    );
    let settled = false;
    const finish = (outcome: ChildOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(outcome);
    };
    const notStarted = (why: string): void => {
      const output = heldOutput.trim();
      finish({
        kind: 'not-started',
        message: `cannot start the process that runs the checks (${command}): ${why}${output === '' ? '' : `; its error output:\n${output}`}`,
      });
    };
    const stopped = (message: string): void => {
      const id = current?.id ?? '';
      finish({ kind: 'stopped', id, message, durationMs: current ? Math.round(performance.now() - current.startedAt) : 0 });
    };
    child.on('error', (error) => {
      if (!ready) notStarted(`${error.name}: ${error.message}`);
      else stopped(`the process running the implementation failed: ${error.message}`);
    });
    child.on('message', (message: IsolatedRunMessage) => {
      if (message.type === 'ready') {
        ready = true;
        onReady?.(message.version ?? 'unknown');
        clearTimeout(timer);
        if (heldOutput !== '') process.stderr.write(heldOutput);
        heldOutput = '';
        child.send(request);
      } else if (message.type === 'start') {
        current = { id: message.id, startedAt: performance.now() };
        checkOutput = '';
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
    // Not ready yet: 'close' (after its error output was read to the end) reports it.
    const ended = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled || !ready) return;
      const when = current === undefined ? 'between checks' : 'during this check';
      const assertion = /^.*Assertion .* failed.*$/m.exec(checkOutput)?.[0].trim();
      stopped(
        `the process running the implementation ended ${when} (${signal ? `signal ${signal}` : `exit code ${code}`}): did the implementation call process.exit() or crash ${RUNTIME_LABEL[launch.runtime]}?${assertion === undefined ? '' : ` Its last error output: ${assertion}`}`,
      );
    };
    child.on('close', (code, signal) => {
      if (!settled && !ready) notStarted(`it ended before it was ready (${signal ? `signal ${signal}` : `exit code ${code}`})`);
      ended(code, signal);
    });
    // 'close' waits for the error output to be read to its end; 'exit' is the fallback should something hold it open.
    child.on('exit', (code, signal) => {
      setTimeout(() => ended(code, signal), EXIT_OUTPUT_WAIT_MS).unref();
    });
  });
}

/** How long after a child exited its error output may still arrive before the exit is reported without it (ms). */
const EXIT_OUTPUT_WAIT_MS = 500;

const RUNTIME_LABEL: Record<RuntimeName, string> = { node: 'Node', bun: 'Bun', deno: 'Deno' };
