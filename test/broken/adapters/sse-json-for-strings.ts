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

/** Unavoidable: quoting strings changes the very data SSE-006 (a line's leading spaces), SSE-009 (the empty string) and SSE-017 (Unicode text) compare. */
export const alsoBreaks = ['SSE-006', 'SSE-009', 'SSE-017'];

export default breakReference({ name: 'sse-json-for-strings', breaks, ...sseVia(new JsonForStrings()) });
