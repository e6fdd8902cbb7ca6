/** Errors of the load report readers; the CLI exits 2 with their message. */

/** Stable codes of {@link LoadReportError}. */
export type LoadReportErrorCode =
  | 'FILE_NOT_FOUND'
  | 'INVALID_JSON'
  | 'NOT_A_K6_SUMMARY'
  | 'INVALID_NDJSON'
  | 'INVALID_SERVER_SAMPLES'
  | 'METRIC_MISSING'
  | 'INVALID_METRIC_SPEC'
  | 'INVALID_TOLERANCE';

/** A file or a metric the load report cannot use. The message names the file (or metric) and the rule. */
export class LoadReportError extends Error {
  override readonly name = 'LoadReportError';
  readonly code: LoadReportErrorCode;
  readonly file?: string;
  constructor(
    code: LoadReportErrorCode,
    message: string,
    file?: string,
    options?: { cause?: unknown },
  ) {
    super(file === undefined ? message : `${file}: ${message}`, options);
    this.code = code;
    this.file = file;
  }
}

/** A string shown in a message: JSON-quoted, so CR, LF and other controls are visible (`\r`, `\n`). */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return String(value);
  }
}
