#!/usr/bin/env node
// The `streamconform` command. Registers tsx so the TypeScript sources (and
// TypeScript adapters, including ones that import `.js` specifiers of `.ts`
// files) load on any Node >= 22.12 without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
