#!/usr/bin/env node
// The `streamconform` command. Installed, it runs the package's build: this
// file is copied to dist/cli/ beside main.js, and plain Node loads it (a
// TypeScript adapter gets tsx when it is loaded, see
// conformance/adapter/typescript-loader.ts). In the repository it runs the
// TypeScript sources — from cli/ itself, and from dist/cli/ too (`npx
// streamconform` there, whose build may be older than the sources) — with
// tsx registered so that they (and TypeScript adapters, including ones that
// import `.js` specifiers of `.ts` files) load on any Node >= 22.12 without a
// build step.
import { existsSync } from 'node:fs';
import { unsupportedNodeReason } from './node-version.mjs';

const unsupported = unsupportedNodeReason(process.versions.node);
if (unsupported !== undefined) {
  process.stderr.write(`${unsupported}\n`);
  process.exit(2);
}
// The package ships no cli/ folder: main.ts exists only in the repository.
const sources = [new URL('./main.ts', import.meta.url), new URL('../../cli/main.ts', import.meta.url)].find((url) => existsSync(url));
if (sources !== undefined) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import((sources ?? new URL('./main.js', import.meta.url)).href);
process.exitCode = await main(process.argv.slice(2));
