/**
 * The CLI runs from any folder (issue 10): its isolated child gets the loader
 * resolved from the CLI's own location, and a child that cannot start is an
 * exit 2 with a message naming what failed.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { ChildStartError, childLoader, runAdapterIsolated } from '../../conformance/suite/isolated.ts';
import { ROOT, runCli } from './cli-helpers.ts';

/** A folder outside the repository, where `tsx` does not resolve. */
async function outsideFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'streamconform-outside-'));
  expect(dir.startsWith(ROOT)).toBe(false);
  // The premise of these tests: from here, a bare `--import tsx` would not find the loader.
  expect(() => createRequire(join(dir, 'probe.js')).resolve('tsx')).toThrow(/Cannot find module 'tsx'/);
  return dir;
}

const REFERENCE_URL = pathToFileURL(join(ROOT, 'reference/index.ts')).href;

interface Report {
  adapters: { name: string; requirements: { id: string; status: string }[] }[];
}

describe('streamconform run from a folder outside the repository', () => {
  it('runs the reference and an .mjs adapter of that folder (importing the reference by file URL): exit 0, reports written there', async () => {
    const dir = await outsideFolder();
    await writeFile(
      join(dir, 'adapter.mjs'),
      `import { createApp } from ${JSON.stringify(REFERENCE_URL)};\nexport default { name: 'outside-mjs', createApp: () => createApp({ onError: () => {} }) };\n`,
    );
    const result = await runCli(['run', '--adapter', 'reference', '--adapter', './adapter.mjs', '--only', 'HDR-001', '--no-wire', '--runs', '3', '--quiet'], {
      cwd: dir,
    });
    expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|cannot start/);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'reports/out/conformance.json'), 'utf8')) as Report;
    expect(report.adapters.map((adapter) => adapter.name)).toEqual(['reference', 'outside-mjs']);
    for (const adapter of report.adapters) {
      expect(adapter.requirements.find((entry) => entry.id === 'HDR-001')?.status).toBe('pass');
    }
  });

  it('an adapter that ends the process that runs the checks before its first requirement: exit 2 with a message, no stack trace', async () => {
    const dir = await outsideFolder();
    // Imports fine in the CLI's own process; in the isolated child (it has an IPC channel) it exits at once.
    await writeFile(
      join(dir, 'exits-in-child.mjs'),
      `import { createApp } from ${JSON.stringify(REFERENCE_URL)};\nif (process.send) process.exit(3);\nexport default { name: 'exits-in-child', createApp: () => createApp({ onError: () => {} }) };\n`,
    );
    const result = await runCli(['run', '--adapter', './exits-in-child.mjs', '--only', 'HDR-001', '--no-wire', '--runs', '3', '--quiet'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^streamconform run: the process that runs the checks for exits-in-child stopped before its first requirement started: the process running the implementation ended between checks \(exit code 3\)/m);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('the isolated child that cannot start', () => {
  it('its loader is a file URL resolved from the CLI, not a bare name resolved from the working folder', () => {
    expect(childLoader()).toBe(pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href);
  });

  it('a loader that does not load: ChildStartError naming the command, the exit code and quoting the child\'s error output', async () => {
    const dir = await outsideFolder();
    const missing = pathToFileURL(join(dir, 'no-such-loader.mjs')).href;
    const adapter = await loadAdapter('reference');
    const run = runAdapterIsolated(adapter, { seed: 1, runs: 1, level: 'must', only: ['HDR-001'], profiles: ['in-process'] }, { loader: missing });
    const error = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChildStartError);
    const message = (error as ChildStartError).message;
    expect(message).toContain(`cannot start the process that runs the checks (${process.execPath} --import ${missing} `);
    expect(message).toContain('it ended before it was ready (exit code 1)');
    expect(message).toMatch(/its error output:\n[\s\S]*ERR_MODULE_NOT_FOUND[\s\S]*no-such-loader\.mjs/);
  });
});
