/**
 * Breaks WIRE-013: string data is split into `data:` lines on LF and CRLF
 * only; a lone CR survives inside a line, and the `eventsource` client ends
 * the line there (the rest is read as a field of its own and dropped).
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class SplitOnLfOnly extends SseEncoder {
  override lines(text: string): string[] {
    return text.split(/\r\n|\n/);
  }
}

export const breaks = 'WIRE-013';

export default breakReference({ name: 'es-split-lf-only', breaks, ...sseVia(new SplitOnLfOnly()) });
