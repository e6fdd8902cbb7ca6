/**
 * Reading a response body the way a careful client does: every chunk kept,
 * how it ended (cleanly, in error, or not within the time allowed) recorded.
 */
import { concatBytes } from '../bytes/bytes.ts';

export type BodyEnd = 'clean' | 'error' | 'timeout' | 'no-body';

export interface ReadBody {
  /** All bytes, concatenated. */
  bytes: Uint8Array;
  /** The chunks as the body stream delivered them. */
  chunks: Uint8Array[];
  end: BodyEnd;
  /** The error the body ended with (end = 'error'). */
  error?: unknown;
}

export interface ReadBodyOptions {
  /** Stop waiting after this long (ms); the reader is cancelled and `end` is 'timeout'. */
  timeoutMs?: number;
  /** Stop when this signal aborts (as a timeout). */
  signal?: AbortSignal;
  /** Stop after this many bytes (the reader is cancelled; `end` is 'clean' only if the body also ended). */
  maxBytes?: number;
}

/** Reads the whole body (or until the time is up). Never throws. */
export async function readBody(response: Response, options: ReadBodyOptions = {}): Promise<ReadBody> {
  const chunks: Uint8Array[] = [];
  if (response.body === null) return { bytes: new Uint8Array(0), chunks, end: 'no-body' };
  const reader = response.body.getReader();
  let stop: (() => void) | undefined;
  const stopped = new Promise<'stopped'>((resolve) => {
    stop = () => resolve('stopped');
  });
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop!(), options.timeoutMs);
  const onAbort = () => stop!();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop!();
  let total = 0;
  let end: BodyEnd = 'clean';
  let error: unknown;
  try {
    for (;;) {
      const result = await Promise.race([reader.read(), stopped]);
      if (result === 'stopped') {
        end = 'timeout';
        break;
      }
      if (result.done) break;
      if (!(result.value instanceof Uint8Array)) {
        end = 'error';
        error = new TypeError(`the body stream delivered ${Object.prototype.toString.call(result.value)}, not a Uint8Array`);
        break;
      }
      chunks.push(result.value);
      total += result.value.byteLength;
      if (options.maxBytes !== undefined && total >= options.maxBytes) {
        end = 'timeout';
        break;
      }
    }
  } catch (caught) {
    end = 'error';
    error = caught;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (end !== 'clean') reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  return { bytes: concatBytes(chunks), chunks, end, ...(end === 'error' ? { error } : {}) };
}
