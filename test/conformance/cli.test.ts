import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.ts';

const FIXTURES = 'test/conformance/fixtures/adapters';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'streamconform-cli-'));
}

describe('streamconform run: usage errors exit 2 with a message naming the problem', () => {
  it.each([
    [['run'], /--adapter is required/],
    [['run', '--adapter', 'reference', '--levle', 'must'], /levle/],
    [['run', '--adapter', 'reference', '--level', 'maybe'], /--level must be "must" or "should", got "maybe"/],
    [['run', '--adapter', 'reference', '--runs', 'ten'], /--runs must be an integer/],
    [['run', '--adapter', 'reference', '--only', 'SSE/001'], /--only "SSE\/001"/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('streamconform run: adapters that cannot be loaded exit 2, naming the file and why', () => {
  it.each([
    ['does-not-exist.ts', /does-not-exist\.ts: no such file/],
    ['no-default.ts', /no-default\.ts: has no default export \(it exports "adapter"\)/],
    ['no-create-app.ts', /no-create-app\.ts: adapter lacks createApp\(\)/],
    ['create-app-throws.ts', /create-app-throws\.ts: createApp\(\) failed: Error: database not configured/],
    ['import-throws.mjs', /import-throws\.mjs: could not be imported: Error: boom at import time/],
    ['wrong-extension.json', /wrong-extension\.json: has extension "\.json"/],
  ])('%s', async (file, message) => {
    const result = await runCli(['run', '--adapter', `${FIXTURES}/${file}`, '--no-wire']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('streamconform run: loading adapters', () => {
  it('loads a TypeScript adapter that imports .js specifiers of .ts files, and an .mjs adapter', async () => {
    const dir = await tempDir();
    const result = await runCli([
      'run', '--adapter', `${FIXTURES}/ts-project/adapter.ts`, '--adapter', `${FIXTURES}/plain.mjs`,
      '--only', 'HDR-008', '--no-wire', '--runs', '5', '--seed', '7', '--report-dir', dir, '--quiet',
    ]);
    expect(result.stderr + result.stdout).not.toMatch(/cannot load/);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'conformance.json'), 'utf8')) as {
      seed: number;
      adapters: { name: string; requirements: { id: string; status: string }[] }[];
    };
    expect(report.seed).toBe(7);
    expect(report.adapters.map((adapter) => adapter.name)).toEqual(['ts-project', 'plain-mjs']);
    for (const adapter of report.adapters) {
      expect(adapter.requirements.find((entry) => entry.id === 'HDR-008')?.status).toBe('pass');
      expect(adapter.requirements.find((entry) => entry.id === 'SSE-001')?.status).toBe('skip');
    }
  });
});
