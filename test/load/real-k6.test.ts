/**
 * The k6 scripts under the REAL k6 (found by `k6ForTests`: STREAMCONFORM_K6,
 * then PATH, then the k6 kept beside the clone for the tests):
 *
 * - every script loads in k6 (`k6 inspect`) and builds exactly its scenario;
 * - `streamconform load run --adapter reference --scenario S --profile smoke`
 *   passes for every scenario (a shortened hold time, several runs at once):
 *   exit 0, the scenario's thresholds evaluated and held, every check passed,
 *   at least 3 complete iterations, the report's numbers written; `slow`
 *   reaches its abandoned streams and checks them;
 * - broken targets (`test/load/adapters/`: late first byte, one wrong byte)
 *   make the run exit 1 naming the crossed threshold;
 * - the documented `k6 archive -e …` holds exactly its scenario and profile,
 *   an archive refuses run-time `-e SCENARIO/PROFILE`, and an archived run
 *   split with `--execution-segment` passes in both parts.
 *
 * Without any k6 the file still runs one test: it prints and asserts the
 * notice that the real-k6 part did not run and how to get k6 (CI's `.ci/run`
 * fails before the tests when it finds no k6).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { main } from '../../load/cli.ts';
import { durationMs } from '../../load/k6/lib/frozen-options.ts';
import { binaryByte } from '../../load/k6/lib/payload.ts';
import { executorFor } from '../../load/k6/lib/profiles.ts';
import { SCENARIO_NAMES, type ScenarioName } from '../../load/k6/lib/routes.ts';
import { thresholdsFor } from '../../load/k6/lib/thresholds.ts';
import { WORKLOADS } from '../../load/k6/lib/workloads.ts';
import { startLoadTarget, type LoadTarget } from '../../load/serve/target.ts';
import type { TargetMetrics } from '../../load/serve/routes.ts';
import { WRONG } from './adapters/one-byte-wrong.ts';
import { k6ForTests, realK6Notice } from './real-k6.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** The smoke profile's hold time in these runs (10 s by default): every scenario still completes 3+ iterations. */
const HOLD = '4s';
/** k6 runs at once (2 cores; each `load run` is a target process and a k6). */
const PARALLEL_RUNS = 4;
const RUN_TIMEOUT_MS = 240_000;

/** A tiny semaphore: at most `limit` of the wrapped calls run at once. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolveSlot) => waiting.push(resolveSlot));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
const slot = limiter(PARALLEL_RUNS);

interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...(options.env ?? process.env), K6_NO_USAGE_REPORT: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => void (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => void (stderr += text));
    child.once('error', reject);
    child.once('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

interface SummaryCheck {
  name: string;
  passes: number;
  fails: number;
}
interface SummaryGroup {
  checks: SummaryCheck[];
  groups?: SummaryGroup[];
}
interface HandleSummary {
  metrics: Record<string, { values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }>;
  root_group: SummaryGroup;
}

/** A number as the report writes it (`1\u202f864`, `2.00`), and the space after it. */
const NUMBER = '\\d[\\d.\u202f]* ?';
const escapeRegExp = (text: string): string => text.replace(/[{}()|.*+?^$[\]\\]/g, '\\$&');

const allChecks = (group: SummaryGroup): SummaryCheck[] => [...group.checks, ...(group.groups ?? []).flatMap(allChecks)];

/** `metric expression` of every threshold k6 evaluated, with its verdict. */
function evaluatedThresholds(summary: HandleSummary): Map<string, boolean> {
  const evaluated = new Map<string, boolean>();
  for (const [metric, data] of Object.entries(summary.metrics)) {
    for (const [expression, verdict] of Object.entries(data.thresholds ?? {})) evaluated.set(`${metric} ${expression}`, verdict.ok);
  }
  return evaluated;
}

function expectedThresholds(scenario: ScenarioName): string[] {
  return Object.entries(thresholdsFor([scenario], { vusScale: 1 })).flatMap(([metric, expressions]) => expressions.map((e) => `${metric} ${e}`));
}

interface LoadRunResult {
  exit: number;
  out: string;
  err: string;
  reportDir: string;
}

async function loadRun(k6: string, argv: string[]): Promise<LoadRunResult> {
  const reportDir = mkdtempSync(join(tmpdir(), 'real-k6-run-'));
  let out = '';
  let err = '';
  const exit = await main(['run', ...argv, '--report-dir', reportDir, '--sample-interval', '500', '--k6-arg=-e', `--k6-arg=DURATION=${HOLD}`], {
    io: { stdout: (text) => void (out += text), stderr: (text) => void (err += text) },
    env: { ...process.env, STREAMCONFORM_K6: k6 },
  });
  return { exit, out, err, reportDir };
}

/** Per scenario, what the smoke runs measured (printed at the end: the figures the issue asks to note). */
const measured: string[] = [];

const k6 = k6ForTests();

describe('the k6 the tests run', () => {
  it('is STREAMCONFORM_K6, else k6 on PATH, else the one beside the clone; the product itself stops at PATH', async () => {
    const make = (): string => {
      const dir = mkdtempSync(join(tmpdir(), 'k6-lookup-'));
      const file = join(dir, 'k6');
      writeFileSync(file, '#!/bin/sh\n');
      chmodSync(file, 0o755);
      return file;
    };
    const named = make();
    const onPath = make();
    const beside = make();
    const pathDir = resolve(onPath, '..');
    const empty = mkdtempSync(join(tmpdir(), 'k6-lookup-'));
    expect(k6ForTests({ STREAMCONFORM_K6: named, PATH: pathDir }, beside)).toEqual({ found: true, path: named, from: 'STREAMCONFORM_K6' });
    expect(k6ForTests({ PATH: `${empty}${delimiter}${pathDir}` }, beside)).toEqual({ found: true, path: onPath, from: 'PATH' });
    expect(k6ForTests({ PATH: empty }, beside)).toEqual({ found: true, path: beside, from: 'beside the clone' });
    const none = k6ForTests({ PATH: empty }, join(empty, 'k6'));
    expect(none.found).toBe(false);
    // the product never looks beside the clone: with neither STREAMCONFORM_K6 nor k6 on PATH, load run stops
    let err = '';
    const exit = await main(['run', '--adapter', 'reference', '--scenario', 'sse', '--profile', 'smoke'], {
      io: { stdout: () => {}, stderr: (text) => void (err += text) },
      env: { PATH: empty },
    });
    expect(exit).toBe(2);
    expect(err).toContain('k6 was not found');
  });

  it('without k6, says that the real-k6 part did not run, where it looked, and how to get k6', () => {
    const empty = mkdtempSync(join(tmpdir(), 'k6-lookup-'));
    const none = k6ForTests({ PATH: empty }, join(empty, 'k6'));
    if (none.found) throw new Error('found a k6 in an empty folder');
    const notice = realK6Notice(none.looked);
    expect(notice).toMatch(/^THE REAL-k6 TESTS DID NOT RUN: no k6 was found\./);
    expect(notice).toContain('looked at STREAMCONFORM_K6: not set');
    expect(notice).toContain('looked at PATH: no k6');
    expect(notice).toContain(`looked at ${join(empty, 'k6')}: no such executable`);
    expect(notice).toContain('https://grafana.com/docs/k6/latest/set-up/install-k6/');
    expect(notice).toContain('set STREAMCONFORM_K6=/path/to/k6');
    expect(k6ForTests({ STREAMCONFORM_K6: join(empty, 'k6') })).toEqual({ found: false, looked: [`STREAMCONFORM_K6=${join(empty, 'k6')}: not an executable file`] });
  });
});

if (!k6.found) {
  describe('real k6', () => {
    it('did not run: no k6 was found (the notice says how to get one)', () => {
      const notice = realK6Notice(k6.looked);
      console.warn(`\n${notice}\n`);
      expect(notice).toContain('DID NOT RUN');
      expect(notice).toContain('https://grafana.com/docs/k6/latest/set-up/install-k6/');
    });
  });
} else {
  const k6Path = k6.path;

  describe.concurrent(`real k6 (${k6.path}, from ${k6.from})`, () => {
    afterAll(() => {
      if (measured.length > 0) console.info(`real k6 smoke runs (hold ${HOLD}):\n${measured.sort().join('\n')}`);
    });

    it('is k6 v1 or later (TypeScript without a flag, the options this project uses)', async () => {
      const version = await run(k6Path, ['version']);
      expect(version.code).toBe(0);
      expect(version.stdout).toMatch(/^k6 v([1-9]\d*)\.\d+\.\d+/);
    });

    const scripts: Array<[string, string, ScenarioName]> = [
      ...SCENARIO_NAMES.map((name): [string, string, ScenarioName] => ['load/k6/main.ts', name, name]),
      ...SCENARIO_NAMES.map((name): [string, string, ScenarioName] => [`load/k6/scenarios/${name}.ts`, '', name]),
    ];
    it.each(scripts)('k6 inspect %s (SCENARIO=%s) loads every import and builds exactly that scenario', async (script, scenario, expected) => {
      const env = scenario === '' ? [] : ['-e', `SCENARIO=${scenario}`];
      const inspected = await slot(() => run(k6Path, ['inspect', ...env, script]));
      expect(inspected.code, inspected.stderr).toBe(0);
      const options = JSON.parse(inspected.stdout) as { scenarios: Record<string, { exec: string; tags: { profile: string } }>; thresholds: Record<string, string[]> };
      expect(Object.keys(options.scenarios)).toEqual([expected]);
      expect(options.scenarios[expected]!.tags.profile).toBe('smoke');
      expect(Object.keys(options.thresholds).sort()).toEqual(Object.keys(thresholdsFor([expected], { vusScale: 1 })).sort());
    });

    // slow first: it is the longest
    const order = [...SCENARIO_NAMES].sort((a, b) => Number(b === 'slow') - Number(a === 'slow'));
    it.each(order)(
      'load run --adapter reference --scenario %s --profile smoke passes under k6',
      async (scenario) => {
        const result = await slot(() => loadRun(k6Path, ['--adapter', 'reference', '--scenario', scenario, '--profile', 'smoke']));
        const context = `${result.err}\n${result.out.slice(-4000)}`;
        expect(result.exit, context).toBe(0);
        const summary = JSON.parse(readFileSync(join(result.reportDir, 'load-run', 'summary.json'), 'utf8')) as HandleSummary;

        // thresholds: exactly the scenario's, every one evaluated and held
        const thresholds = evaluatedThresholds(summary);
        expect([...thresholds.keys()].sort()).toEqual(expectedThresholds(scenario).sort());
        expect([...thresholds].filter(([, ok]) => !ok)).toEqual([]);

        // checks: all passed, the scenario's on every complete iteration, teardown's once
        const checks = allChecks(summary.root_group);
        expect(checks.filter((c) => c.fails > 0), context).toEqual([]);
        const passes = (name: string): number => checks.find((c) => c.name === name)?.passes ?? 0;
        const iterations = summary.metrics.iterations!.values.count!;
        expect(iterations).toBeGreaterThanOrEqual(3);
        const abandoned = passes(`${scenario}: abandoned stream cut by the client timeout`);
        for (const check of ['status is 200', 'content type', 'every unit, in order, well framed']) {
          expect(passes(`${scenario}: ${check}`)).toBe(iterations - abandoned);
        }
        expect(iterations - abandoned).toBeGreaterThanOrEqual(3);
        expect(passes('target: every stream closed after the run')).toBe(1);
        expect(passes('target: no stream failed')).toBe(1);
        if (WORKLOADS[scenario].abandonEvery !== undefined) {
          // every 4th iteration gives up on a long stream; the client timeout cuts it, the bytes so far are right
          expect(abandoned).toBeGreaterThanOrEqual(1);
          expect(abandoned).toBe(Math.floor(iterations / WORKLOADS[scenario].abandonEvery!));
          expect(passes(`${scenario}: abandoned stream's bytes are a clean prefix`)).toBe(abandoned);
        } else {
          expect(abandoned).toBe(0);
        }

        // the body check costs a fraction of the transfer (k6's JavaScript is slow; the binary ones use native digests)
        const verify = summary.metrics.stream_verify_duration!.values;
        const lastByte = summary.metrics[`http_req_duration{scenario:${scenario},name:${scenario}}`]!.values;
        expect(verify.med!).toBeLessThan(lastByte.med! / 2);
        if (scenario === 'binary' || scenario === 'slow') expect(verify.avg!).toBeLessThan(lastByte.med! / 2);

        // the report: verdict and the numbers each threshold judged
        const markdown = readFileSync(join(result.reportDir, 'load.md'), 'utf8');
        expect(markdown).toContain(`## ✅ PASS — k6 load report (${scenario}, smoke)`);
        for (const threshold of expectedThresholds(scenario)) {
          const [metric, expression] = threshold.split(' ') as [string, string];
          expect(markdown).toMatch(new RegExp(`\\| ✅ pass \\| \`${escapeRegExp(metric)}\` \\| \`${escapeRegExp(expression)}\` \\| [a-z()0-9]+ = ${NUMBER}(ms|s|%)? \\|`));
        }
        // requests, requests/s, failed, checks, TTFB p95, last byte p95, max VUs
        expect(markdown).toMatch(new RegExp(`\\| ${NUMBER}\\| ${NUMBER}\\| 0\\.00% \\| 100\\.00% \\| ${NUMBER}m?s \\| ${NUMBER}m?s \\| 1 \\|`));

        measured.push(
          `${scenario.padEnd(15)} iterations ${iterations} (abandoned ${abandoned}) · checks ${checks.reduce((n, c) => n + c.passes, 0)} passed, 0 failed · ` +
            `last byte med ${lastByte.med!.toFixed(1)} ms · body check med ${verify.med!.toFixed(1)} ms, avg ${verify.avg!.toFixed(1)} ms, max ${verify.max!.toFixed(0)} ms`,
        );
      },
      RUN_TIMEOUT_MS,
    );

    it(
      'a target that answers 600 ms late makes the sse run exit 1 naming the first-byte threshold',
      async () => {
        const adapter = join(ROOT, 'test', 'load', 'adapters', 'late-first-byte.ts');
        const result = await slot(() => loadRun(k6Path, ['--adapter', adapter, '--scenario', 'sse', '--profile', 'smoke']));
        expect(result.exit, result.err).toBe(1);
        expect(result.err).toContain('threshold crossed: http_req_waiting{scenario:sse} p(95)<500');
        // the bodies themselves are right: only the time to the first byte is judged wrong
        expect(result.err).not.toContain('threshold crossed: stream_body_ok{scenario:sse}');
        expect(readFileSync(join(result.reportDir, 'load.md'), 'utf8')).toContain('## ❌ FAIL');
      },
      RUN_TIMEOUT_MS,
    );

    it.each([
      ['binary', 4096],
      ['slow', 65536],
    ] as const)(
      'a target with one wrong byte in each body makes the %s run exit 1 naming the body threshold and the byte',
      async (scenario, size) => {
        const adapter = join(ROOT, 'test', 'load', 'adapters', 'one-byte-wrong.ts');
        const result = await slot(() => loadRun(k6Path, ['--adapter', adapter, '--scenario', scenario, '--profile', 'smoke']));
        expect(result.exit, result.err).toBe(1);
        expect(result.err).toContain(`threshold crossed: stream_body_ok{scenario:${scenario}} rate>0.99`);
        expect(result.err).toContain(`threshold crossed: checks{scenario:${scenario}} rate>0.99`);
        // the length is right: the digest finds it, then the block's own digest and a byte loop name it
        const offset = (WRONG.block - 1) * size + WRONG.offset;
        const expected = binaryByte(WRONG.block, WRONG.offset);
        expect(result.out + result.err).toContain(`: byte ${offset} (block ${WRONG.block}) is ${expected ^ 0xff}, expected ${expected}`);
      },
      RUN_TIMEOUT_MS,
    );

    describe('archives (k6-operator, Grafana Cloud k6)', () => {
      let target: LoadTarget;
      beforeAll(async () => {
        target = await startLoadTarget(await loadAdapter('reference'));
      });
      afterAll(async () => {
        await target?.close();
      });

      const docs = readFileSync(join(ROOT, 'docs', 'load-testing.md'), 'utf8');
      const manifest = readFileSync(join(ROOT, 'load', 'k8s', 'testrun.yaml'), 'utf8');
      /** The archive command the docs and the manifest give for k6-operator. */
      const documented = /^ *#? *(k6 archive -e SCENARIO=\S+ -e PROFILE=\S+ load\/k6\/main\.ts -O streamconform\.tar)$/m;

      it('the docs and the manifest give the same archive command, and the TestRun passes no option-deciding -e at run time', () => {
        const inDocs = documented.exec(docs)?.[1];
        const inManifest = documented.exec(manifest)?.[1];
        expect(inDocs).toBeDefined();
        expect(inManifest).toBe(inDocs);
        const args = /arguments: >-\n((?:\s{4}.*\n)+)/.exec(manifest)?.[1] ?? '';
        expect(args).toContain('BASE_URL=');
        expect(args).not.toMatch(/\b(SCENARIO|PROFILE|VUS|DURATION|COUNT|INTERVAL|SIZE)=/);
      });

      it(
        'the documented k6 archive holds exactly its scenario and profile (k6 inspect)',
        async () => {
          const command = documented.exec(docs)![1]!.split(' ');
          const file = join(mkdtempSync(join(tmpdir(), 'real-k6-archive-')), 'streamconform.tar');
          const archived = await slot(() => run(k6Path, [...command.slice(1, -1), file]));
          expect(archived.code, archived.stderr).toBe(0);
          const scenario = command[command.indexOf('-e') + 1]!.replace('SCENARIO=', '') as ScenarioName;
          const profile = command[command.lastIndexOf('-e') + 1]!.replace('PROFILE=', '');
          expect(scenario).toBe('sse');
          expect(profile).toBe('load');
          const inspected = await slot(() => run(k6Path, ['inspect', file]));
          expect(inspected.code, inspected.stderr).toBe(0);
          const options = JSON.parse(inspected.stdout) as {
            scenarios: Record<string, { executor: string; tags: { profile: string }; stages: Array<{ duration: string; target: number }> }>;
            thresholds: Record<string, string[]>;
          };
          expect(Object.keys(options.scenarios)).toEqual(['sse']);
          const sse = options.scenarios.sse!;
          expect(sse.tags.profile).toBe('load');
          const wanted = executorFor('load', WORKLOADS.sse.baseVus);
          if (wanted.executor !== 'ramping-vus') throw new Error('the load profile ramps');
          expect(sse.executor).toBe('ramping-vus');
          expect(sse.stages.map((s) => [durationMs(s.duration), s.target])).toEqual(wanted.stages.map((s) => [durationMs(s.duration), s.target]));
          expect(options.thresholds).toEqual(thresholdsFor(['sse'], { vusScale: 1 }));

          // -e SCENARIO / PROFILE at run time cannot change it: setup stops the run and says how to make the archive
          const overridden = await slot(() => run(k6Path, ['run', '-q', '--no-color', '-e', `BASE_URL=${target.url}`, '-e', 'SCENARIO=binary', '-e', 'SUMMARY_JSON=0', file]));
          expect(overridden.code).not.toBe(0);
          expect(overridden.stderr).toContain("this run's k6 options are not the ones its -e settings ask for");
          expect(overridden.stderr).toContain('scenarios: sse in effect, binary asked');
          expect(overridden.stderr).toContain('k6 archive -e SCENARIO=binary -e PROFILE=load load/k6/main.ts -O streamconform.tar');
        },
        RUN_TIMEOUT_MS,
      );

      it(
        'an archived run split in two with --execution-segment passes in both parts (as k6-operator runs it)',
        async () => {
          const dir = mkdtempSync(join(tmpdir(), 'real-k6-segments-'));
          const file = join(dir, 'streamconform.tar');
          // soak at VUS=0.1 is 2 VUs of sse: one per part
          const archived = await slot(() =>
            run(k6Path, ['archive', '-e', 'SCENARIO=sse', '-e', 'PROFILE=soak', '-e', 'VUS=0.1', '-e', `DURATION=${HOLD}`, 'load/k6/main.ts', '-O', file]),
          );
          expect(archived.code, archived.stderr).toBe(0);
          const metricsBefore = (await (await fetch(`${target.url}/metrics`)).json()) as TargetMetrics;
          const parts = ['0:1/2', '1/2:1'];
          const results = await Promise.all(
            parts.map((segment, index) => {
              const out = join(dir, `part${index}`);
              mkdirSync(out);
              return slot(async () => ({
                out,
                ...(await run(k6Path, [
                  'run', '-q', '--no-color',
                  '--execution-segment', segment, '--execution-segment-sequence', '0,1/2,1',
                  '-e', `BASE_URL=${target.url}`, '-e', `OUT_DIR=${out}`,
                  file,
                ])),
              }));
            }),
          );
          let iterations = 0;
          for (const result of results) {
            expect(result.code, result.stderr).toBe(0);
            const summary = JSON.parse(readFileSync(join(result.out, 'summary.json'), 'utf8')) as HandleSummary;
            expect(summary.metrics.vus_max!.values.max).toBe(1);
            expect([...evaluatedThresholds(summary).values()].every(Boolean)).toBe(true);
            expect(allChecks(summary.root_group).filter((c) => c.fails > 0)).toEqual([]);
            expect(summary.metrics.iterations!.values.count).toBeGreaterThanOrEqual(3);
            iterations += summary.metrics.iterations!.values.count!;
          }
          const metricsAfter = (await (await fetch(`${target.url}/metrics`)).json()) as TargetMetrics;
          expect(metricsAfter.streams.opened - metricsBefore.streams.opened).toBe(iterations);
        },
        RUN_TIMEOUT_MS,
      );
    });
  });
}
