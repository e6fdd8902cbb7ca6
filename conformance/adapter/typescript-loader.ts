/**
 * TypeScript adapters under the built package. From its sources the harness
 * runs under a TypeScript loader already (the `streamconform` command
 * registers tsx; vitest transforms what it imports). Installed, it is
 * JavaScript (`dist/`) and runs on plain Node; a `.ts`/`.mts` adapter — which
 * may import `.js` specifiers of `.ts` files, as `tsc` wants them written —
 * gets tsx registered just before it is imported, and a `.js`/`.mjs` adapter
 * loads without it.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Does this harness run from its TypeScript sources (a loader is in place) rather than the built JavaScript? */
export const FROM_SOURCES = extname(fileURLToPath(import.meta.url)) === '.ts';

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

let registered: Promise<void> | undefined;

/** Makes `import()` of the TypeScript module `file` work: registers tsx once, when the harness is built JavaScript. */
export function ensureTypeScriptLoaderFor(file: string): Promise<void> {
  if (FROM_SOURCES || !TYPESCRIPT_EXTENSIONS.has(extname(file))) return Promise.resolve();
  registered ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return registered;
}
