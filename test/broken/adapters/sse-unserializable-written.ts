/**
 * Breaks SSE-008: a value JSON cannot carry (undefined, a function, a symbol,
 * a BigInt) is written as `String(value)` — `data: undefined` — instead of
 * being a TypeError.
 */
import { breakReference, sseVia } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class UnserializableWritten extends SseEncoder {
  override dataText(data: unknown): string {
    try {
      return super.dataText(data);
    } catch {
      return String(data);
    }
  }
}

export const breaks = 'SSE-008';

export default breakReference({ name: 'sse-unserializable-written', breaks, ...sseVia(new UnserializableWritten()) });
