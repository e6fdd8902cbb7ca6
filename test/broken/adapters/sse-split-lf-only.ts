/**
 * Breaks SSE-005: string data is split into `data:` lines on LF and CRLF
 * only, so a lone CR survives inside a line — and a WHATWG client ends the
 * line there (the rest becomes an unknown field, or a new one).
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class SplitOnLfOnly extends SseEncoder {
  override lines(text: string): string[] {
    return text.split(/\r\n|\n/);
  }
}

export const breaks = 'SSE-005';

/** Unavoidable: a lone CR left in a data line ends it, and what follows is read as a field — the injection SSE-016 guards against. */
export const alsoBreaks = ['SSE-016'];

export default breakReference({ name: 'sse-split-lf-only', breaks, ...sseVia(new SplitOnLfOnly()) });
