/** Errors of the expectation-file reader (`--expect FILE`). */

/** Stable codes of {@link ExpectationFileError}. */
export type ExpectationFileErrorCode =
  /** The file does not exist. */
  | 'EXPECT_FILE_NOT_FOUND'
  /** The file exists but could not be read (a directory, no permission, ...). */
  | 'EXPECT_FILE_UNREADABLE'
  /** The file is not JSON. */
  | 'EXPECT_FILE_BAD_JSON'
  /** The file is JSON, but not an expectation file. */
  | 'EXPECT_FILE_BAD_SHAPE';

/**
 * An expectation file could not be used. The message starts with the file's
 * path and says what is wrong and where (`expectations["reference"]["SSE-004"]`);
 * the CLI exits 2 with it.
 */
export class ExpectationFileError extends Error {
  override readonly name = 'ExpectationFileError';
  readonly code: ExpectationFileErrorCode;
  readonly file: string;
  constructor(
    code: ExpectationFileErrorCode,
    file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
    this.code = code;
    this.file = file;
  }
}
