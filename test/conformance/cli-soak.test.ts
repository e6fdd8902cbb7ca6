/** `streamconform soak` (`npm run soak`): its arguments, its output, and two tiny soaks through the CLI. */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcomeOf, parseSoakArguments, renderRunLine, renderSoakSummary, type SoakRunOutcome } from '../../conformance/cli/soak.ts';
import { UsageError } from '../../conformance/cli/usage-error.ts';
import type { ConformanceReport, RequirementResult } from '../../reports/conformance/model.ts';
import { adapterReport } from '../../reports/conformance/outcome.ts';
import { runCli } from './cli-helpers.ts';

describe('soak arguments', () => {
  it('defaults to 30 runs of the main job: --adapter reference --level should, no load', () => {
    expect(parseSoakArguments([])).toEqual({
      runsOf: 30,
      load: false,
      reportDir: 'reports/out/soak',
      keepReports: false,
      runArgs: ['--adapter', 'reference', '--level', 'should'],
    });
  });

  it('takes its own flags and passes the rest through to run, in order; an --adapter or --level given replaces the default', () => {
    expect(parseSoakArguments(['--runs-of', '5', '--load', '--only', 'WIRE-*', '--runs=50', '--report-dir', 'out/s', '--keep-reports', '--quiet'])).toEqual({
      runsOf: 5,
      load: true,
      reportDir: 'out/s',
      keepReports: true,
      runArgs: ['--adapter', 'reference', '--only', 'WIRE-*', '--runs=50', '--level', 'should'],
    });
    const custom = parseSoakArguments(['--runs-of=2', '--', '--adapter', 'my-adapter.ts', '--level', 'must', '--no-wire']);
    expect(custom).toMatchObject({ runsOf: 2, runArgs: ['--adapter', 'my-adapter.ts', '--level', 'must', '--no-wire'] });
    expect(parseSoakArguments(['--help'])).toBe('help');
  });

  it.each([
    [['--runs-of', '0'], /--runs-of must be an integer ≥ 1, got "0"/],
    [['--runs-of', 'ten'], /--runs-of must be an integer ≥ 1, got "ten"/],
    [['--runs-of'], /--runs-of needs a value/],
    [['--seed', '7'], /--seed cannot be given to soak/],
    [['--levle', 'must'], /levle/],
    [['--level', 'maybe'], /--level must be "must" or "should"/],
    [['--runs', 'many'], /--runs must be an integer/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseSoakArguments(argv)).toThrow(UsageError);
    expect(() => parseSoakArguments(argv)).toThrow(message);
  });
});

function result(id: string, level: 'MUST' | 'SHOULD', status: 'pass' | 'fail', extra: Partial<RequirementResult> = {}): RequirementResult {
  return { id, level, title: id, status, verdict: status === 'pass' ? 'ok' : level === 'MUST' ? 'failed' : 'non-strict', profile: 'wire', properties: 1, durationMs: 5, ...extra } as RequirementResult;
}

function report(passed: boolean, level: 'must' | 'should', requirements: RequirementResult[], seed: number): ConformanceReport {
  return {
    tool: 'streamconform',
    version: '0.1.0',
    seed,
    runs: 100,
    level,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    passed,
    command: `npx streamconform run --adapter reference --level ${level} --runs 100 --seed ${seed}`,
    adapters: [adapterReport('reference', 'reference', requirements)],
  };
}

describe('soak output', () => {
  const wire004 = result('WIRE-004', 'MUST', 'fail', {
    message: 'the payload differs: 0 bytes arrived of the 8388618 written\nmore detail',
    counterexample: { seed: 1492584226, input: '[]', replay: 'npx streamconform run --adapter reference --only WIRE-004 --seed 1492584226 --runs 100' },
  });
  const pass = outcomeOf(11, 0, 21_400, report(true, 'should', [result('HDR-001', 'MUST', 'pass')], 11), 'r/run-1', '');
  const fail = outcomeOf(1492584226, 1, 19_800, report(false, 'must', [wire004, result('SSE-030', 'SHOULD', 'fail', { message: 'late' })], 1492584226), 'r/run-2', '');
  const error = outcomeOf(33, 2, 1_000, undefined, 'r/run-3', 'some warning\nstreamconform run: cannot start the process that runs the checks\n');

  it('reads a run from its exit code and report: pass, fail (with what failed, blocking or not), error (no report)', () => {
    expect(pass).toMatchObject({ seed: 11, result: 'pass', failures: [] });
    expect(fail).toMatchObject({
      result: 'fail',
      failures: [
        { id: 'WIRE-004', message: 'the payload differs: 0 bytes arrived of the 8388618 written', blocking: true, replay: expect.stringContaining('--only WIRE-004') },
        { id: 'SSE-030', blocking: false, replay: undefined },
      ],
    });
    expect(error).toMatchObject({ result: 'error', exitCode: 2, error: 'some warning\nstreamconform run: cannot start the process that runs the checks' });
  });

  it('one line per run: index, seed, result, time, and the requirements that failed it', () => {
    expect(renderRunLine(pass, 1, 30)).toBe('run  1/30  seed         11  PASS    21.4 s');
    expect(renderRunLine(fail, 2, 30)).toBe('run  2/30  seed 1492584226  FAIL    19.8 s  WIRE-004');
    expect(renderRunLine(error, 3, 30)).toBe('run  3/30  seed         33  ERROR    1.0 s  exit 2: streamconform run: cannot start the process that runs the checks');
  });

  it('the summary: the pass rate, then each failing seed with its requirements and replay lines', () => {
    const outcomes: SoakRunOutcome[] = [pass, fail, error];
    const text = renderSoakSummary(outcomes, 90_000);
    expect(text).toContain('1/3 runs passed (pass rate 33.3%), 1 failed, 1 could not run; 1.5 min in all');
    expect(text).toContain('  seed 1492584226: WIRE-004 (reports: r/run-2)');
    expect(text).toContain('    reference WIRE-004: the payload differs: 0 bytes arrived of the 8388618 written\n');
    expect(text).toContain('      replay: npx streamconform run --adapter reference --only WIRE-004 --seed 1492584226 --runs 100');
    expect(text).toContain('    reference SSE-030 (does not fail the run): late');
    expect(text).toContain('    replay the whole run: npx streamconform run --adapter reference --level must --runs 100 --seed 1492584226');
    expect(text).toContain('  seed 33: the run could not run (exit 2)');
    expect(text).not.toContain('seed 11:');
    expect(renderSoakSummary([pass, pass], 60_000)).toBe('\n2/2 runs passed (pass rate 100.0%); 1.0 min in all\n');
  });
});

describe('streamconform soak through the CLI', () => {
  it('two passing runs with --load: each on its own seed, the pass rate, exit 0; the CPU hog is gone afterwards, passing reports removed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'streamconform-soak-'));
    const result = await runCli(['soak', '--runs-of', '2', '--load', '--report-dir', dir, '--only', 'HDR-001', '--no-wire', '--runs', '3']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('soak: 2 runs of `streamconform run --adapter reference --only HDR-001 --no-wire --runs 3 --level should`');
    const seeds = [...result.stdout.matchAll(/^run [12]\/2 {2}seed +(\d+) {2}PASS +\d+\.\d s$/gm)].map((match) => match[1]);
    expect(seeds).toHaveLength(2);
    expect(result.stdout).toContain('2/2 runs passed (pass rate 100.0%)');
    const pid = Number(/a CPU hog \(pid (\d+)\)/.exec(result.stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a failing run: FAIL with the requirement, its replay line in the summary, the reports kept, exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'streamconform-soak-'));
    const result = await runCli([
      'soak', '--runs-of', '1', '--report-dir', dir,
      '--adapter', 'test/broken/adapters/chunk-hex-uppercase.ts', '--only', 'CHUNK-007', '--no-wire', '--runs', '20',
    ]);
    expect(result.code).toBe(1);
    const seed = /^run 1\/1 {2}seed +(\d+) {2}FAIL +\d+\.\d s {2}CHUNK-007$/m.exec(result.stdout)?.[1];
    expect(seed).toBeDefined();
    expect(result.stdout).toContain('0/1 runs passed (pass rate 0.0%), 1 failed');
    expect(result.stdout).toMatch(new RegExp(`^ {2}seed ${seed}: CHUNK-007 \\(reports: .*run-1-seed-${seed}\\)$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^ {6}replay: npx streamconform run .*--only CHUNK-007.*--seed ${seed}`, 'm'));
    expect(await readdir(join(dir, `run-1-seed-${seed}`))).toContain('conformance.json');
  });

  it('--seed is a usage error: exit 2 with the message', async () => {
    const result = await runCli(['soak', '--seed', '5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^streamconform soak: --seed cannot be given to soak/);
  });
});
