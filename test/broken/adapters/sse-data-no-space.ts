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

/** Unavoidable (SSE-021 interleaves events with its comments): every event is judged by the grammar oracle, which wants `data: ` with the space (DESIGN §3). */
export const alsoBreaks = ['SSE-004', 'SSE-005', 'SSE-007', 'SSE-009', 'SSE-010', 'SSE-011', 'SSE-014', 'SSE-015', 'SSE-016', 'SSE-017', 'SSE-018', 'SSE-019', 'SSE-020', 'SSE-021'];

export default breakReference({ name: 'sse-data-no-space', breaks, ...sseVia(new NoSpaceAfterColon()) });
