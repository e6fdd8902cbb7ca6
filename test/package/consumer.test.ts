/**
 * The package as a user gets it: `npm pack` (which builds `dist/`), the
 * tarball's file list, then an install of that tarball into a fresh project
 * — once with npm (hoisted node_modules), once with pnpm (isolated
 * node_modules: a dependency streamconform does not declare cannot be
 * reached) — and, from that project: the `streamconform` command on a
 * TypeScript adapter (which imports a `.js` specifier of a `.ts` file) and on
 * an `.mjs` adapter, `describeConformance` in the project's own vitest, tsc
 * on its files against the package's declarations, and
 * the reference served through `app.handler` under Bun and Deno. One tarball
 * serves every case. The registry is used through the npm cache where it can
 * be (`--prefer-offline`); if pnpm cannot be fetched the test fails, saying so.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PNPM = 'pnpm@10';
const VITEST_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;
/** Generous limits for these tests only: a pack builds the package, an install may reach the registry. */
const PACK_MS = 180_000;
const INSTALL_MS = 240_000;
const RUN_MS = 120_000;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of every command here: this project's Node first on PATH
 * (npm, npx and the installed bin run on it; the machine's own may be too
 * old), no project's `node_modules/.bin`, nothing of the outer npm script or
 * vitest run (a nested vitest or npm must not take them for its own).
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|npm_package_|npm_lifecycle_|TINYPOOL)/.test(key)) continue;
    if (['NODE_OPTIONS', 'INIT_CWD', 'npm_config_local_prefix', 'npm_command', 'npm_config_call', 'npm_execpath', 'NODE_ENV', 'TEST', 'FORCE_COLOR'].includes(key)) continue;
    env[key] = value;
  }
  const path = (process.env.PATH ?? '').split(delimiter).filter((entry) => entry !== '' && !entry.endsWith(join('node_modules', '.bin')));
  env.PATH = [dirname(process.execPath), ...path].join(delimiter);
  env.NO_COLOR = '1';
  return env;
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) did not exit within ${timeoutMs / 1000} s\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function shown(result: Result): string {
  return `exit ${result.code}\nstdout:\n${result.stdout.slice(-3000)}\nstderr:\n${result.stderr.slice(-3000)}`;
}

/** The files of the consumer project: two adapters, a vitest file, a script for Bun and Deno. */
const PROJECT_FILES: Record<string, string> = {
  // TypeScript as tsc wants it written for NodeNext: a `.js` specifier naming a `.ts` file.
  'make-app.ts': `import { createApp, type App } from 'streamconform/reference';
export function makeApp(): App {
  return createApp();
}
`,
  'adapter.ts': `import { defineAdapter } from 'streamconform';
import { makeApp } from './make-app.js';
export default defineAdapter({ name: 'consumer-ts', createApp: () => makeApp() });
`,
  // Only probe.ts exists: './probe.js' imports only under a TypeScript loader such as tsx.
  'probe.ts': `export const probe: string = 'loaded';
`,
  'adapter.mjs': `import { defineAdapter } from 'streamconform';
import { createApp } from 'streamconform/reference';
const typeScriptLoader = await import('./probe.js').then(() => 'tsx on', () => 'tsx off');
export default defineAdapter({ name: \`consumer-mjs (\${typeScriptLoader})\`, createApp: () => createApp() });
`,
  'conformance.test.ts': `import { describeConformance } from 'streamconform/vitest';
import adapter from './adapter.ts';
describeConformance(adapter, { runs: 5, only: ['SSE-00*'], profiles: ['in-process'] });
`,
  // Typed by the package's declarations: the name must be a string (checked in its own tsc run).
  'type-error/adapter.ts': `import { defineAdapter } from 'streamconform';
import { createApp } from 'streamconform/reference';
export default defineAdapter({ name: 42, createApp: () => createApp() });
`,
  'serve-one.mjs': `import { createApp } from 'streamconform/reference';
const app = createApp();
app.get('/hello/:name', (ctx) => ctx.streamResponse((async function* () { yield 'hello, '; yield ctx.params.name; })()));
const response = await app.handler(new Request('http://x/hello/package'));
console.log(JSON.stringify({ status: response.status, body: await response.text() }));
`,
};

let work: string;
let tarball: string;
let tarballFiles: string[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'streamconform-package-'));
  const packed = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT, PACK_MS);
  expect(packed.code, `npm pack (its prepack builds dist/):\n${shown(packed)}`).toBe(0);
  const [entry] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[];
  tarball = join(work, entry!.filename);
  const listed = await run('tar', ['-tzf', tarball], work, RUN_MS);
  expect(listed.code, shown(listed)).toBe(0);
  tarballFiles = listed.stdout.split('\n').filter(Boolean).map((line) => line.replace(/^package\//, ''));
}, PACK_MS + RUN_MS);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the build, the k6 scripts and the docs, and nothing of the repository’s own', () => {
    for (const file of [
      'package.json',
      'README.md',
      'dist/cli/bin.mjs',
      'dist/cli/main.js',
      'dist/conformance/index.js',
      'dist/conformance/index.d.ts',
      'dist/conformance/vitest.js',
      'dist/conformance/vitest.d.ts',
      'dist/reference/index.js',
      'dist/reference/index.d.ts',
      'dist/conformance/suite/isolated-child.js',
      'dist/load/cli-entry.js',
      'dist/reports/conformance/conformance.schema.json',
      'load/k6/main.ts',
      'load/k6/lib/routes.ts',
      'docs/spec.md',
    ]) {
      expect(tarballFiles, `the tarball has ${file}`).toContain(file);
    }
    // No cli/ at the package's root: the bin runs the sources when a cli/main.ts lies there (the repository).
    const unwanted = tarballFiles.filter(
      (file) =>
        /^(test|reports|scripts|conformance|reference|cli)\//.test(file) ||
        /^load\/(?!k6\/)/.test(file) ||
        /(^|\/)(broken|bench|demo|out)\//.test(file) ||
        /\.test\.[mc]?[jt]s$/.test(file) ||
        /^tsconfig/.test(file),
    );
    expect(unwanted).toEqual([]);
    // TypeScript only where k6 runs it (its own scripts) or as declarations.
    expect(tarballFiles.filter((file) => /\.[mc]?ts$/.test(file) && !/\.d\.[mc]?ts$/.test(file) && !file.startsWith('load/k6/'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(tarballFiles).toContain(manifest.bin.streamconform);
  });
});

/** Installs the tarball (and vitest, the optional peer dependency) into a fresh project with `manager`. */
async function installProject(manager: 'npm' | 'pnpm'): Promise<string> {
  const project = join(work, `project-${manager}`);
  await mkdir(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: `consumer-${manager}`, private: true, type: 'module' }, null, 2)}\n`);
  for (const [name, text] of Object.entries(PROJECT_FILES)) {
    await mkdir(dirname(join(project, name)), { recursive: true });
    writeFileSync(join(project, name), text);
  }
  const packages = [tarball, `vitest@${VITEST_VERSION}`];
  if (manager === 'npm') {
    const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packages], project, INSTALL_MS);
    expect(installed.code, `npm install of the tarball:\n${shown(installed)}`).toBe(0);
  } else {
    const version = await run('npx', ['--yes', PNPM, '--version'], project, INSTALL_MS);
    if (version.code !== 0) {
      throw new Error(
        `pnpm could not be fetched (npx --yes ${PNPM} --version failed); this test installs the package with pnpm's isolated node_modules and fails rather than skip without it:\n${shown(version)}`,
      );
    }
    const installed = await run('npx', ['--yes', PNPM, 'add', '--prefer-offline', ...packages], project, INSTALL_MS);
    expect(installed.code, `pnpm add of the tarball:\n${shown(installed)}`).toBe(0);
    // The isolated layout: the package is a link into pnpm's store, and its own dependencies are not hoisted beside it.
    expect(existsSync(join(project, 'node_modules/.pnpm')), 'pnpm made its isolated layout').toBe(true);
    expect(existsSync(join(project, 'node_modules/fast-check')), 'streamconform’s dependencies are not hoisted to the project').toBe(false);
  }
  return project;
}

interface ReportFile {
  passed: boolean;
  adapters: { name: string; summary: { pass: number; fail: number } }[];
}

async function runCommand(project: string, adapter: string, reportDir: string): Promise<ReportFile> {
  const result = await run('npx', ['streamconform', 'run', '--adapter', adapter, '--only', 'SSE-00*', '--no-wire', '--runs', '5', '--report-dir', reportDir], project, RUN_MS);
  expect(result.code, `npx streamconform run --adapter ${adapter}:\n${shown(result)}`).toBe(0);
  const file = join(project, reportDir, 'conformance.json');
  expect(existsSync(file), `${file} was written`).toBe(true);
  return JSON.parse(readFileSync(file, 'utf8')) as ReportFile;
}

for (const manager of ['npm', 'pnpm'] as const) {
  describe(`installed with ${manager}`, () => {
    let project: string;
    beforeAll(async () => {
      project = await installProject(manager);
    }, 2 * INSTALL_MS);

    it('runs the suite on a TypeScript adapter that imports a .js specifier of a .ts file', async () => {
      const report = await runCommand(project, './adapter.ts', 'out-ts');
      expect(report.passed).toBe(true);
      expect(report.adapters.map((adapter) => adapter.name)).toEqual(['consumer-ts']);
      expect(report.adapters[0]!.summary.pass).toBeGreaterThan(0);
      expect(report.adapters[0]!.summary.fail).toBe(0);
    }, RUN_MS);

    it('runs the suite on an .mjs adapter, without a TypeScript loader', async () => {
      const report = await runCommand(project, './adapter.mjs', 'out-mjs');
      expect(report.passed).toBe(true);
      expect(report.adapters.map((adapter) => adapter.name)).toEqual(['consumer-mjs (tsx off)']);
      expect(report.adapters[0]!.summary.pass).toBeGreaterThan(0);
    }, RUN_MS);

    it('runs describeConformance from streamconform/vitest in the project’s own vitest', async () => {
      const result = await run('npx', ['vitest', 'run', '--reporter=json', '--outputFile=vitest.json'], project, RUN_MS);
      expect(result.code, `npx vitest run:\n${shown(result)}`).toBe(0);
      const summary = JSON.parse(readFileSync(join(project, 'vitest.json'), 'utf8')) as { numPassedTests: number; numFailedTests: number; testResults: { assertionResults: { title: string }[] }[] };
      expect(summary.numFailedTests).toBe(0);
      expect(summary.numPassedTests).toBeGreaterThan(1);
      const titles = summary.testResults.flatMap((file) => file.assertionResults.map((test) => test.title));
      expect(titles.some((title) => title.startsWith('[SSE-00'))).toBe(true);
    }, RUN_MS);

    it('type-checks against the package’s declarations (its `types` conditions)', async () => {
      // This project's TypeScript, on the consumer's files; Node's types from this project (a user has their own).
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      const options = ['--noEmit', '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--lib', 'ES2022,DOM', '--allowImportingTsExtensions', '--skipLibCheck', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types')];
      const good = await run(process.execPath, [tsc, ...options, 'adapter.ts', 'make-app.ts', 'conformance.test.ts'], project, RUN_MS);
      expect(good.code, `tsc on the adapters and the vitest file:\n${shown(good)}`).toBe(0);
      const bad = await run(process.execPath, [tsc, ...options, 'type-error/adapter.ts'], project, RUN_MS);
      expect(bad.code, shown(bad)).toBe(2);
      expect(bad.stdout).toContain("error TS2322: Type 'number' is not assignable to type 'string'");
    }, RUN_MS);

    for (const runtime of ['bun', 'deno'] as const) {
      it(`serves a request through app.handler under ${runtime === 'bun' ? 'Bun' : 'Deno'}`, async () => {
        const binary = join(ROOT, 'node_modules/.bin', runtime);
        expect(existsSync(binary), `${runtime} comes as a devDependency (${binary})`).toBe(true);
        const args = runtime === 'bun' ? ['serve-one.mjs'] : ['run', '--allow-read', '--allow-env', '--no-lock', 'serve-one.mjs'];
        const result = await run(binary, args, project, RUN_MS);
        expect(result.code, `${runtime} ${args.join(' ')}:\n${shown(result)}`).toBe(0);
        expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({ status: 200, body: 'hello, package' });
      }, RUN_MS);
    }
  });
}
