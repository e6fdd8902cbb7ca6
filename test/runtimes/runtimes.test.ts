/**
 * `streamconform run --runtime node|bun|deno` (spec §2.16): the implementation
 * and its checks run in the chosen runtime (the harness stays on Node), one
 * report column per adapter and runtime; the reference passes on Bun and
 * Deno with the default profiles (in-process and wire, through the runtime's
 * own server); broken adapters still fail there; a missing runtime is exit 2
 * with how to get it.
 */
import { realpathSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { findRuntime, RuntimeNotFoundError } from '../../conformance/suite/runtimes.ts';
import { ROOT, runCli } from '../conformance/cli-helpers.ts';
import type { ConformanceReport } from '../../reports/conformance/model.ts';

async function readReport(dir: string): Promise<ConformanceReport> {
  return JSON.parse(await readFile(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
}

async function validate(report: ConformanceReport): Promise<void> {
  const schema = JSON.parse(await readFile(join(ROOT, 'reports/conformance/conformance.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  expect(validate(report) ? '' : ajv.errorsText(validate.errors), 'conformance.json matches its schema').toBe('');
}

describe('the reference on Bun and Deno', () => {
  it('--runtime bun --runtime deno: exit 0, a column per runtime, the runtime recorded, WIRE judged through Bun.serve / Deno.serve', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'streamconform-runtimes-'));
    const result = await runCli(['run', '--adapter', 'reference', '--runtime', 'bun', '--runtime', 'deno', '--runs', '5', '--seed', '7', '--quiet', '--report-dir', dir], {
      timeoutMs: 280_000,
    });
    expect(result.stderr).not.toMatch(/cannot start|HARNESS ERROR/);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = await readReport(dir);
    await validate(report);
    expect(report.adapters.map((adapter) => [adapter.name, adapter.runtime?.name, adapter.column])).toEqual([
      ['reference', 'bun', 'reference (bun)'],
      ['reference', 'deno', 'reference (deno)'],
    ]);
    for (const adapter of report.adapters) {
      expect(adapter.runtime?.version).toMatch(/^\d+\.\d+\.\d+/);
      // The default profiles ran: the WIRE requirements were judged (or, on Bun, attributed to Bun.serve with a note).
      const wire = adapter.requirements.filter((entry) => entry.profile === 'wire');
      expect(wire.filter((entry) => entry.verdict === 'ok').length).toBeGreaterThan(10);
      for (const entry of adapter.requirements.filter((candidate) => candidate.verdict === 'skipped' && candidate.profile !== 'browser')) {
        // Bun's framing and h2 ends; Deno's node:http2 aborting the process on an nghttp2 assertion (seen under load).
        const runtime = adapter.runtime?.name;
        expect(['bun', 'deno'], `${entry.id} skipped`).toContain(runtime);
        expect(entry.notes?.join(' ')).toMatch(runtime === 'bun' ? /^(Bun\.serve|Bun's node:http2) .*spec §2\.16/ : /^Deno's node:http2 .*nghttp2.*spec §2\.16/);
      }
    }
    const markdown = await readFile(join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('| Requirement | Level | reference (bun) | reference (deno) |');
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="reference (bun)"');
    expect(junit).toMatch(/<property name="runtime" value="deno \d/);
  });
});

describe('broken adapters still fail on Bun and Deno', () => {
  it('an adapter with its own bridge that sends Content-Length fails WIRE-001 on both (no runtime excuse for an own listen); one without the space after data: fails SSE-006', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'streamconform-runtimes-broken-'));
    const result = await runCli(
      [
        'run',
        '--adapter', 'test/broken/adapters/wire-http1-content-length.ts',
        '--adapter', 'test/broken/adapters/sse-data-no-space.ts',
        '--runtime', 'bun', '--runtime', 'deno',
        '--only', 'WIRE-001,SSE-006', '--runs', '20', '--seed', '3', '--quiet', '--report-dir', dir,
      ],
      { timeoutMs: 280_000 },
    );
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const report = await readReport(dir);
    const verdicts = report.adapters.map((adapter) => [
      adapter.column,
      adapter.requirements.find((entry) => entry.id === 'WIRE-001')?.verdict,
      adapter.requirements.find((entry) => entry.id === 'SSE-006')?.verdict,
    ]);
    expect(verdicts).toEqual([
      ['broken/wire-http1-content-length (bun)', 'failed', 'ok'],
      ['broken/wire-http1-content-length (deno)', 'failed', 'ok'],
      // Served by Bun.serve (no listen of its own): the same framing is Bun's, not the adapter's (spec §2.16).
      ['broken/sse-data-no-space (bun)', expect.stringMatching(/^(ok|skipped)$/), 'failed'],
      ['broken/sse-data-no-space (deno)', 'ok', 'failed'],
    ]);
    const [ownBun, ownDeno, defaultBun] = report.adapters;
    for (const adapter of [ownBun!, ownDeno!]) for (const entry of adapter.requirements) expect(entry.notes).toBeUndefined();
    const attributed = defaultBun!.requirements.find((entry) => entry.id === 'WIRE-001')!;
    if (attributed.verdict === 'skipped') expect(attributed.notes?.[0]).toMatch(/^Bun\.serve frames .*Content-Length.*spec §2\.16/);
  });
});

describe('isolation on Bun and Deno', () => {
  it('an implementation that blocks the event loop costs the running check, and the run resumes in a fresh child, in both runtimes', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'streamconform-runtimes-blocks-'));
    const result = await runCli(
      ['run', '--adapter', 'test/conformance/fixtures/adapters/blocks-event-loop.ts', '--runtime', 'bun', '--runtime', 'deno', '--only', 'STREAM-001,GEN-001', '--no-wire', '--timeout', '1000', '--runs', '5', '--quiet', '--report-dir', dir],
      { timeoutMs: 100_000 },
    );
    expect(result.code).toBe(1);
    const report = await readReport(dir);
    expect(report.adapters.map((adapter) => adapter.runtime?.name)).toEqual(['bun', 'deno']);
    for (const adapter of report.adapters) {
      const blocked = adapter.requirements.find((entry) => entry.id === 'STREAM-001')!;
      expect(blocked.status, adapter.column).toBe('fail');
      expect(blocked.message).toMatch(/blocked the event loop/);
      expect(adapter.requirements.find((entry) => entry.id === 'GEN-001')?.status, adapter.column).toBe('pass');
    }
  });
});

describe('a runtime that is not there', () => {
  it('STREAMCONFORM_BUN naming no file: exit 2, saying how to get Bun, before anything runs', async () => {
    const result = await runCli(['run', '--adapter', 'reference', '--runtime', 'bun', '--only', 'HDR-001', '--quiet'], {
      env: { STREAMCONFORM_BUN: '/nonexistent/bun' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^streamconform run: --runtime bun: STREAMCONFORM_BUN=\/nonexistent\/bun is not an executable file; .*npm i -D bun.*https:\/\/bun\.sh/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('no npm package beside streamconform and none on PATH: a RuntimeNotFoundError with the how-to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'streamconform-no-deno-'));
    await writeFile(join(dir, 'probe.mjs'), '');
    const find = () => findRuntime('deno', { env: { PATH: dir }, resolveFrom: join(dir, 'probe.mjs') });
    expect(find).toThrow(RuntimeNotFoundError);
    expect(find).toThrow(/no deno found .*npm i -D deno.*deno\.com/);
    // Found where it is: the npm package beside streamconform.
    expect(realpathSync(findRuntime('deno', { env: { PATH: '' } }))).toBe(realpathSync(join(ROOT, 'node_modules/deno/deno')));
    expect(realpathSync(findRuntime('bun', { env: { PATH: '' } }))).toBe(realpathSync(join(ROOT, 'node_modules/bun/bin/bun.exe')));
  });

  it('an unknown runtime is a usage error (exit 2)', async () => {
    const result = await runCli(['run', '--adapter', 'reference', '--runtime', 'workerd']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--runtime must be one of node, bun, deno, got "workerd"');
  });
});
