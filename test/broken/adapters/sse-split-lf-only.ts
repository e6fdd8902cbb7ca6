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

/** Unavoidable (SSE-021 interleaves events with its comments): every SSE check writes strings with lone CRs and compares the events a client reads. */
export const alsoBreaks = ['SSE-004', 'SSE-006', 'SSE-009', 'SSE-010', 'SSE-011', 'SSE-014', 'SSE-015', 'SSE-016', 'SSE-017', 'SSE-018', 'SSE-019', 'SSE-020', 'SSE-022', 'SSE-021'];

export default breakReference({ name: 'sse-split-lf-only', breaks, ...sseVia(new SplitOnLfOnly()) });
