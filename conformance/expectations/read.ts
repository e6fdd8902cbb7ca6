/** Reading and writing expectation files (`--expect FILE`, `--write-expect FILE`). */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ExpectationFileError } from './errors.ts';
import { parseExpectationText, renderExpectationFile, type ExpectationFile } from './format.ts';

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Reads and checks an expectation file. Throws {@link ExpectationFileError}
 * with `code` `EXPECT_FILE_NOT_FOUND`, `EXPECT_FILE_UNREADABLE`,
 * `EXPECT_FILE_BAD_JSON` or `EXPECT_FILE_BAD_SHAPE`; the message names the
 * file and the problem.
 */
export async function readExpectations(path: string): Promise<ExpectationFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new ExpectationFileError('EXPECT_FILE_NOT_FOUND', path, 'no such file; record one with --write-expect FILE', { cause: error });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExpectationFileError('EXPECT_FILE_UNREADABLE', path, `cannot be read (${reason})`, { cause: error });
  }
  return parseExpectationText(text, path);
}

/** Writes an expectation file (creating its folder), as `--write-expect` does. */
export async function writeExpectations(path: string, expectations: ExpectationFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderExpectationFile(expectations), 'utf8');
}
