/**
 * Breaks SSE-006: data lines are written `data:<line>` without the space, so
 * a client strips the line's own leading space instead.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class NoSpaceAfterColon extends SseEncoder {
  override dataLine(line: string): string {
    return `data:${line}\n`;
  }
}

export const breaks = 'SSE-006';

export default breakReference({ name: 'sse-data-no-space', breaks, ...sseVia(new NoSpaceAfterColon()) });
