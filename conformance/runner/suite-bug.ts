/**
 * Telling the suite's own bugs from the implementation's faults. A
 * programming error (TypeError, RangeError, ReferenceError, SyntaxError)
 * thrown by the suite's own code — its first stack frame outside Node's
 * internals lies in `conformance/` or `reports/` — is a harness error: the
 * suite broke, not the implementation. Errors raised where Node talks to the
 * peer (fetch, sockets, streams, HTTP) are the implementation's to answer for,
 * and so are errors thrown by the implementation's own code.
 */
import { fileURLToPath } from 'node:url';
import { ImplementationError } from './check.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUITE_DIRS = ['conformance', 'reports'].map((dir) => `${ROOT}${dir}/`);

const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

/** Node internals through which an implementation's misbehaviour reaches the suite (a failed fetch, a reset socket). */
const PEER_FACING = /^node:(?:internal\/deps\/undici|internal\/webstreams|internal\/streams|stream|net|_http|http|https|http2|internal\/http2)/;

/** Is `error` a bug of the suite's own code (see the module comment)? */
export function isSuiteBug(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof ImplementationError) return false;
  if (!PROGRAMMING_ERRORS.some((kind) => error instanceof kind)) return false;
  const frames = stackFrames(error.stack ?? '');
  const first = frames[0];
  if (first === undefined || PEER_FACING.test(first)) return false;
  const own = frames.find((frame) => !frame.startsWith('node:'));
  return own !== undefined && SUITE_DIRS.some((dir) => own.startsWith(dir));
}

/** The locations of a V8 stack's frames (`/path/file.ts:1:2`, `node:internal/...`), file URLs as paths. */
function stackFrames(stack: string): string[] {
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const match = /^\s+at (?:.*? \()?(.+?)\)?$/.exec(line);
    if (!match?.[1]) continue;
    const location = match[1].replace(/^async /, '');
    frames.push(location.startsWith('file://') ? safePath(location) : location);
  }
  return frames;
}

function safePath(url: string): string {
  try {
    return fileURLToPath(url.replace(/:\d+:\d+$/, '')) + (/:\d+:\d+$/.exec(url)?.[0] ?? '');
  } catch {
    return url;
  }
}
