#!/usr/bin/env node
// The `streamconform` command. Registers tsx so the TypeScript sources (and
// TypeScript adapters, including ones that import `.js` specifiers of `.ts`
// files) load on any Node >= 22.12 without a build step.
import { unsupportedNodeReason } from './node-version.mjs';

const unsupported = unsupportedNodeReason(process.versions.node);
if (unsupported !== undefined) {
  process.stderr.write(`${unsupported}\n`);
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
