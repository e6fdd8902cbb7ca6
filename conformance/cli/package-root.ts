/**
 * The folder of streamconform's own package.json: the repository root when
 * the sources run, the installed package's folder when its build (`dist/`)
 * does. Files shipped beside the build (package.json, the k6 scripts under
 * `load/k6/`) are found from here, not by a fixed number of `../`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'streamconform';

function findPackageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (name === PACKAGE_NAME) return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`streamconform: no package.json named "${PACKAGE_NAME}" above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
}

/** The package's root folder (see the module comment). */
export const PACKAGE_ROOT: string = findPackageRoot();
