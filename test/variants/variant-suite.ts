/**
 * The proof of precision: every conforming variant in this folder (an adapter
 * that departs from the reference only where the spec allows it, and says
 * how in `export const departs`) must pass every MUST requirement of the
 * in-process and wire profiles. A failure names the requirement and the
 * check's message: either the variant is not conforming after all, or the
 * check is stricter than the spec.
 *
 * Variants are found by globbing the folder (every `.ts` file but the tests
 * and this one).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS } from '../../conformance/requirements/index.ts';
import type { Area, Profile } from '../../conformance/requirements/types.ts';
import type { RequirementResult } from '../../reports/conformance/model.ts';
import { PROFILES, RUNS, SEED, type VariantRun, type WorkerAnswer, type WorkerRequest } from './kit/run-variant.ts';

export const VARIANTS_DIR = fileURLToPath(new URL('./', import.meta.url));
const SELF = 'variant-suite.ts';
const WORKER = fileURLToPath(new URL('./kit/variant-worker.ts', import.meta.url));

/** How many worker processes run variants at once. */
const WORKERS = 2;
/** Every test may wait for the runs queued before its own. */
const SUITE_TIMEOUT_MS = 600_000;

export interface VariantFile {
  file: string;
  path: string;
  /** What the variant does differently, and which clause or standard allows it. */
  departs: unknown;
  adapterName: unknown;
  /**
   * The profiles it is run in (`export const profiles`, default both): a
   * variant whose app is the reference's, untouched, and whose only departure
   * is its `listen`/`listenHttp2`, is run in the wire profile only — its
   * in-process results are the reference's (the control) by construction.
   */
  profiles: Profile[];
  /**
   * The areas it is judged in (`export const areas`, default all): a variant
   * that conforms to one area only (a body that errors while every header is
   * right conforms to HDR and to nothing about bodies).
   */
  areas: Area[] | undefined;
}

/** Every variant file of the folder, sorted by name. */
export async function variantFiles(): Promise<VariantFile[]> {
  const files = readdirSync(VARIANTS_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts') && file !== SELF)
    .sort();
  const found: VariantFile[] = [];
  for (const file of files) {
    const path = join(VARIANTS_DIR, file);
    const module = (await import(pathToFileURL(path).href)) as { departs?: unknown; profiles?: unknown; areas?: unknown; default?: { name?: unknown } };
    const profiles = Array.isArray(module.profiles) ? module.profiles.filter((p): p is Profile => PROFILES.includes(p as Profile)) : [...PROFILES];
    const areas = Array.isArray(module.areas) ? module.areas.filter((a): a is Area => AREAS.includes(a as Area)) : undefined;
    found.push({ file, path, departs: module.departs, adapterName: module.default?.name, profiles, areas });
  }
  return found;
}

interface Job {
  spec: string;
  profiles: Profile[];
  areas?: Area[] | undefined;
}

/**
 * Runs `jobs` on {@link WORKERS} child processes, each taking the next job
 * when it is done with one; one promise per job (rejecting only when its run
 * threw or its worker died).
 */
function runOnWorkers(jobs: readonly Job[]): Promise<VariantRun>[] {
  const settle = jobs.map(() => Promise.withResolvers<VariantRun>());
  // Handled here; the test of each job awaits (and reports) its own.
  for (const { promise } of settle) promise.catch(() => {});
  let next = 0;
  const startWorker = (): void => {
    const child: ChildProcess = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let current: number | undefined;
    const hand = (): void => {
      if (next >= jobs.length) {
        current = undefined;
        child.send({ type: 'exit' } satisfies WorkerRequest);
        return;
      }
      current = next++;
      const job = jobs[current]!;
      child.send({ type: 'run', index: current, spec: job.spec, profiles: job.profiles, ...(job.areas ? { areas: job.areas } : {}) } satisfies WorkerRequest);
    };
    child.on('message', (answer: WorkerAnswer) => {
      if (answer.type === 'result') settle[answer.index]!.resolve(answer.run);
      else settle[answer.index]!.reject(new Error(`the run failed: ${answer.message}`));
      hand();
    });
    child.on('exit', (code, signal) => {
      if (current !== undefined) settle[current]!.reject(new Error(`the worker process ended during this run (${signal ?? `exit code ${code}`})`));
      // What this worker would have run goes to a new one.
      if (current !== undefined && next < jobs.length) startWorker();
    });
    hand();
  };
  for (let i = 0; i < Math.min(WORKERS, jobs.length); i++) startWorker();
  return settle.map(({ promise }) => promise);
}

/** One paragraph per failing requirement, for the assertion message. */
export function describeFailures(failures: readonly RequirementResult[]): string {
  return failures
    .map((r) => {
      const input = r.counterexample?.input ? `\n    counterexample: ${r.counterexample.input.slice(0, 300)}` : '';
      return `  ${r.id} ${r.status}: ${r.message ?? '(no message)'}${input}`;
    })
    .join('\n');
}

/**
 * Declares the tests: the control (the reference, same run) and one test per
 * variant. The runs go to a few worker processes at once: most of a run is
 * waiting on sockets and timers (reconnection delays, lockstep deadlines),
 * which overlap; vitest runs test files one at a time on a 2-core machine.
 * Call it at the top level of a test file.
 */
export async function describeVariants(): Promise<void> {
  const all = await variantFiles();
  const jobs: Job[] = [{ spec: 'reference', profiles: [...PROFILES] }, ...all.map((entry) => ({ spec: entry.path, profiles: entry.profiles, areas: entry.areas }))];
  let runs: Promise<VariantRun>[] | undefined;
  const runOf = (index: number): Promise<VariantRun> => (runs ??= runOnWorkers(jobs))[index]!;
  let suiteStarted = 0;

  describe(`conforming variants: every MUST passes (${PROFILES.join(' and ')} profiles, seed ${SEED}, ${RUNS} runs)`, () => {
    beforeAll(() => {
      suiteStarted = performance.now();
      runOf(0);
    });
    afterAll(() => {
      if (runs !== undefined) {
        console.info(`conforming variants: the control and ${all.length} variants in ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s (${WORKERS} worker processes)`);
      }
    });

    it('there are at least 20, each saying how it departs and named variant/…', () => {
      expect(all.length).toBeGreaterThanOrEqual(20);
      for (const entry of all) {
        expect(typeof entry.departs === 'string' && entry.departs.trim().length > 20, `${entry.file} exports departs`).toBe(true);
        expect(entry.adapterName, `${entry.file}: adapter name`).toMatch(/^variant\//);
        expect(entry.profiles.length, `${entry.file}: profiles`).toBeGreaterThan(0);
      }
    });

    it(
      'the reference passes the same run (the control)',
      async () => {
        const { failures } = await runOf(0);
        expect(failures, `the reference fails:\n${describeFailures(failures)}`).toEqual([]);
      },
      SUITE_TIMEOUT_MS,
    );

    all.forEach((entry, index) => {
      it(
        `${entry.file} passes every MUST of the ${entry.profiles.join(' and ')} profile(s)${entry.areas ? ` in ${entry.areas.join(', ')}` : ''} (${String(entry.departs).slice(0, 80)}…)`,
        async () => {
          const { failures } = await runOf(index + 1);
          expect(
            failures.map((r) => r.id),
            `${entry.file} departs from the reference where the spec allows (${String(entry.departs)}), yet the suite fails it:\n${describeFailures(failures)}`,
          ).toEqual([]);
        },
        SUITE_TIMEOUT_MS,
      );
    });
  });
}
