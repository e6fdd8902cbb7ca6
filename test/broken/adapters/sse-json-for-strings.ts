/**
 * Breaks SSE-005: strings go through `JSON.stringify` like every other value,
 * so `writeSSE("hi")` arrives as `"hi"` (quotes included) instead of as is.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class JsonForStrings extends SseEncoder {
  override dataText(data: unknown): string {
    return typeof data === 'string' ? JSON.stringify(data) : super.dataText(data);
  }
}

export const breaks = 'SSE-005';

/** Unavoidable (SSE-021 interleaves events with its comments): every SSE check writes strings and compares the data a client reads. */
export const alsoBreaks = ['SSE-004', 'SSE-006', 'SSE-009', 'SSE-010', 'SSE-011', 'SSE-014', 'SSE-016', 'SSE-017', 'SSE-018', 'SSE-019', 'SSE-020', 'SSE-022', 'SSE-021'];

export default breakReference({ name: 'sse-json-for-strings', breaks, ...sseVia(new JsonForStrings()) });
