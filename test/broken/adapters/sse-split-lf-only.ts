/**
 * Breaks SSE-005: string data is split into `data:` lines on LF and CRLF
 * only, so a lone CR survives inside a line — and a WHATWG client ends the
 * line there (the rest becomes an unknown field, or a new one).
 */
import { breakReference, sseVia, type AlsoBreaks } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class SplitOnLfOnly extends SseEncoder {
  override lines(text: string): string[] {
    return text.split(/\r\n|\n/);
  }
}

export const breaks = 'SSE-005';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'SSE-016': 'a lone CR left in a data line ends the line for a client, and what follows it is read as a field or a blank line: data injects fields and events',
};

export default breakReference({ name: 'sse-split-lf-only', breaks, ...sseVia(new SplitOnLfOnly()) });
