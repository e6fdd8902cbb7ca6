/**
 * The CLI end to end: the reference passes everything (all profiles, the
 * browser included) with all four reports written and valid; a broken
 * adapter fails with exit 1, its seed and a replay line; expectation files
 * gate on unexpected results only.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import schema from '../../reports/conformance/conformance.schema.json' with { type: 'json' };
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { requirements } from '../../conformance/requirements/index.ts';
import { runCli } from './cli-helpers.ts';

const BROKEN = 'test/broken/adapters/sse-data-no-space.ts';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'streamconform-e2e-'));
}

async function readReport(dir: string): Promise<ConformanceReport> {
  return JSON.parse(await readFile(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
}

describe('streamconform run --adapter reference --level should --browser', () => {
  it('passes every requirement, exits 0, prints the time and writes four valid reports', async () => {
    const dir = await tempDir();
    const result = await runCli(['run', '--adapter', 'reference', '--level', 'should', '--browser', '--seed', '2026', '--report-dir', dir], {
      timeoutMs: 240_000,
    });
    expect(result.stderr + result.stdout).toMatch(/PASS at level should in \d+\.\d s/);
    expect(result.code).toBe(0);
    const report = await readReport(dir);
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const [adapter] = report.adapters;
    expect(adapter?.summary).toEqual({ pass: requirements.length, fail: 0, skip: 0, blocked: 0, unimplemented: 0, harnessError: 0 });
    expect(adapter?.rootCauses).toEqual([]);
    expect(result.stdout).not.toContain('fix these first');
    for (const file of ['junit.xml', 'report.md', 'report.html']) expect(existsSync(join(dir, file)), file).toBe(true);
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)?.length).toBe(requirements.length);
  }, 300_000);
});

describe('streamconform run against a broken adapter', () => {
  it('exits 1, names the requirement, prints the seed and a replay line that reproduces the failure', async () => {
    const dir = await tempDir();
    const result = await runCli(['run', '--adapter', BROKEN, '--only', 'SSE-006', '--no-wire', '--seed', '11', '--runs', '40', '--report-dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/SSE-006 MUST data lines are "data:" followed by one space/);
    const replay = /replay: (npx streamconform run .*)$/m.exec(result.stdout)?.[1];
    expect(replay).toBe(`npx streamconform run --adapter ${BROKEN} --only SSE-006 --seed 11 --runs 40`);
    const report = await readReport(dir);
    const failed = report.adapters[0]!.requirements.find((entry) => entry.id === 'SSE-006')!;
    expect(failed.status).toBe('fail');
    expect(failed.counterexample?.sent).toMatch(/data:/);
    // "Fix these first": the failure is in exactly one root-cause group, in the JSON and in the summary.
    expect(report.adapters[0]!.rootCauses.filter((group) => group.requirements.includes('SSE-006'))).toHaveLength(1);
    expect(result.stdout).toMatch(/^fix these first:\n  1\. .+\n     1 failure: SSE-006$/m);

    const again = await runCli(replay!.replace('npx streamconform ', '').split(' ').concat(['--no-wire', '--report-dir', dir]));
    expect(again.code).toBe(1);
    expect((await readReport(dir)).adapters[0]!.requirements.find((entry) => entry.id === 'SSE-006')?.counterexample?.input).toBe(
      failed.counterexample?.input,
    );
  });

  it('a failed SHOULD fails the run only at --level should', async () => {
    const adapter = 'test/broken/adapters/sse-no-accel-buffering.ts';
    expect(existsSync(adapter), adapter).toBe(true);
    const common = ['run', '--adapter', adapter, '--only', 'SSE-003', '--no-wire', '--seed', '3', '--runs', '10', '--report-dir', await tempDir()];
    expect((await runCli(common)).code).toBe(0);
    expect((await runCli([...common, '--level', 'should'])).code).toBe(1);
  });
});

describe('expectation files (--write-expect, --expect)', () => {
  it('records failures, then gates on unexpected results only', async () => {
    const dir = await tempDir();
    const expectFile = join(dir, 'expect.json');
    const args = ['run', '--adapter', BROKEN, '--only', 'SSE-006,SSE-002', '--no-wire', '--seed', '5', '--runs', '20', '--report-dir', dir];

    const recorded = await runCli([...args, '--write-expect', expectFile]);
    expect(recorded.code).toBe(1);
    const file = JSON.parse(await readFile(expectFile, 'utf8')) as { expectations: Record<string, Record<string, string>> };
    expect(file.expectations['broken/sse-data-no-space']?.['SSE-006']).toBe('fail');

    const gated = await runCli([...args, '--expect', expectFile]);
    expect(gated.stderr + gated.stdout).not.toMatch(/unexpected/i);
    expect(gated.code).toBe(0);

    // An expected failure that now passes is unexpected too.
    file.expectations['broken/sse-data-no-space']!['SSE-002'] = 'fail';
    await writeFile(expectFile, JSON.stringify(file));
    const stale = await runCli([...args, '--expect', expectFile]);
    expect(stale.code).toBe(1);
    expect((await readReport(dir)).adapters[0]!.requirements.find((entry) => entry.id === 'SSE-002')?.expectation).toBe('unexpected-pass');
  });

  it('a malformed expectation file exits 2 naming the file', async () => {
    const dir = await tempDir();
    const expectFile = join(dir, 'bad.json');
    await writeFile(expectFile, '{ not json');
    const result = await runCli(['run', '--adapter', 'reference', '--only', 'HDR-008', '--no-wire', '--expect', expectFile]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.json');
  });
});

describe('an implementation that blocks the event loop', () => {
  it('costs the check that was running a failure with a message; the run resumes and the report is written', async () => {
    const dir = await tempDir();
    const result = await runCli(
      ['run', '--adapter', 'test/conformance/fixtures/adapters/blocks-event-loop.ts', '--only', 'STREAM-001,GEN-001', '--no-wire', '--timeout', '1000', '--runs', '5', '--report-dir', dir],
      { timeoutMs: 60_000 },
    );
    expect(result.code).toBe(1);
    const results = (await readReport(dir)).adapters[0]!.requirements;
    const blocked = results.find((entry) => entry.id === 'STREAM-001')!;
    expect(blocked.status).toBe('fail');
    expect(blocked.message).toMatch(/blocked the event loop/);
    expect(results.find((entry) => entry.id === 'GEN-001')?.status).toBe('pass');
  }, 90_000);
});
