/**
 * Golden files: each fixture rendered four ways must match
 * test/reports/golden/<fixture>/<file> byte for byte. After an intended
 * change, rewrite them with `UPDATE_GOLDEN=1 npm test -- test/reports` and
 * review the diff.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_FILES } from '../../reports/conformance/index.ts';
import { FIXTURES } from './fixtures.ts';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function readGolden(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

describe('renderers match the golden files', () => {
  for (const [fixture, makeReport] of Object.entries(FIXTURES)) {
    for (const { file, render } of REPORT_FILES) {
      it(`${fixture}/${file}`, async () => {
        const actual = render(makeReport());
        expect(render(makeReport()), 'rendering twice gives the same text').toBe(actual);
        const path = join(GOLDEN_DIR, fixture, file);
        if (UPDATE) {
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, actual, 'utf8');
        }
        const golden = await readGolden(path);
        expect(golden, `${path} is missing; run UPDATE_GOLDEN=1 npm test -- test/reports`).toBeDefined();
        expect(actual, `${fixture}/${file} differs from its golden file; if intended, UPDATE_GOLDEN=1 and review the diff`).toBe(golden);
      });
    }
  }
});
