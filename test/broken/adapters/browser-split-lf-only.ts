/**
 * Breaks BROWSER-001: string data is split into `data:` lines on LF and
 * CRLF only; Chromium ends a line at a lone CR, so CR-only data arrives cut.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class SplitOnLfOnly extends SseEncoder {
  override lines(text: string): string[] {
    return text.split(/\r\n|\n/);
  }
}

export const breaks = 'BROWSER-001';

export default breakReference({ name: 'browser-split-lf-only', breaks, ...sseVia(new SplitOnLfOnly()) });
