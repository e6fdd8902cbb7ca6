/**
 * `npm run build` (and `prepack`): the package's build in `dist/`. tsc emits
 * JavaScript and declarations from the sources (tsconfig.build.json; relative
 * `.ts` imports are rewritten to `.js`); then the files tsc does not emit are
 * copied beside them: the command's entry (plain JavaScript, which picks
 * `main.js` over `main.ts` by itself) and the report schema the package
 * exports. Modules that start a sibling process name it with their own
 * extension (`isolated-child.ts` / `.js`), so nothing is rewritten after tsc;
 * a last pass checks that no emitted module still names a `.ts` file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');

/** Files tsc does not emit that the package needs at run time or exports. */
const COPIED = ['cli/bin.mjs', 'cli/node-version.mjs', 'cli/node-version.d.mts', 'reports/conformance/conformance.schema.json'];

/** Modules the package runs or exports: the build fails without them. */
const REQUIRED = [
  'cli/bin.mjs',
  'cli/main.js',
  'conformance/index.js',
  'conformance/index.d.ts',
  'conformance/vitest.js',
  'conformance/vitest.d.ts',
  'reference/index.js',
  'reference/index.d.ts',
  'conformance/suite/isolated-child.js',
  'load/cli-entry.js',
  'reports/conformance/conformance.schema.json',
];

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Module references to TypeScript files left in emitted JavaScript (imports, `new URL('./x.ts', import.meta.url)`). */
export function typeScriptReferences(text: string): string[] {
  const patterns = [
    /^\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"](\.[^'"]*\.[mc]?ts)['"]/gm,
    /\bimport\(\s*['"`](\.[^'"`]*\.[mc]?ts)['"`]\s*\)/g,
    /\bnew URL\(\s*['"`]([^'"`]*\.[mc]?ts)['"`]\s*,\s*import\.meta\.url/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!));
}

function main(): number {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (compiled.status !== 0) {
    process.stderr.write(`build: tsc -p tsconfig.build.json failed (exit ${compiled.status ?? compiled.signal})\n`);
    return 1;
  }
  for (const file of COPIED) {
    mkdirSync(dirname(join(DIST, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(DIST, file));
  }
  const problems: string[] = [];
  for (const file of REQUIRED) if (!existsSync(join(DIST, file))) problems.push(`dist/${file} is missing`);
  for (const file of files(DIST)) {
    if (!file.endsWith('.js')) continue; // tsc's output (the copied bin.mjs falls back to main.ts by design)
    for (const reference of typeScriptReferences(readFileSync(file, 'utf8'))) {
      problems.push(`${relative(ROOT, file)} refers to the TypeScript file ${reference}, which the package does not contain`);
    }
  }
  if (problems.length > 0) {
    process.stderr.write(`build: the package would not run:\n${problems.map((line) => `  ${line}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`build: dist/ has ${files(DIST).length} files\n`);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
