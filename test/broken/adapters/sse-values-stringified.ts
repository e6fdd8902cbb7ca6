/**
 * Breaks SSE-007: values that are not strings are sent with `String(value)`
 * (`[object Object]`, `1,2`) instead of as JSON.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class StringifiedValues extends SseEncoder {
  override dataText(data: unknown): string {
    if (typeof data === 'string') return data;
    super.dataText(data); // still a TypeError for what JSON cannot carry
    try {
      return String(data);
    } catch {
      return Object.prototype.toString.call(data); // an object without a prototype
    }
  }
}

export const breaks = 'SSE-007';

export default breakReference({ name: 'sse-values-stringified', breaks, ...sseVia(new StringifiedValues()) });
