/** Errors of the suite's socket clients. */

/** Stable codes of {@link WireWaitError}. */
export type WireWaitErrorCode = 'WIRE_TIMEOUT' | 'WIRE_CLOSED' | 'WIRE_ABORTED' | 'WIRE_MALFORMED' | 'WIRE_CONNECT_FAILED';

/**
 * A client waited for something on the wire that did not come: the time ran
 * out (`WIRE_TIMEOUT`), the peer closed first (`WIRE_CLOSED`), the HTTP/1.1
 * framing broke first (`WIRE_MALFORMED`), the check was aborted
 * (`WIRE_ABORTED`), or the connection could not be made.
 */
export class WireWaitError extends Error {
  override readonly name = 'WireWaitError';
  readonly code: WireWaitErrorCode;
  constructor(
    code: WireWaitErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
  }
}
