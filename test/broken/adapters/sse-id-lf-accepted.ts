/**
 * Breaks SSE-013: an `id` containing LF is accepted (CR and NUL are still
 * refused), so `id: 1\nevent: x` injects a field.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class IdLfAccepted extends SseEncoder {
  override checkId(field: string, id: unknown): string {
    if (typeof id !== 'string') throw new TypeError(`${field} must be a string`);
    if (id.includes('\r') || id.includes('\0')) throw new TypeError(`${field} must not contain CR or NUL`);
    return id;
  }
}

export const breaks = 'SSE-013';

export default breakReference({ name: 'sse-id-lf-accepted', breaks, ...sseVia(new IdLfAccepted()) });
