/**
 * Breaks SSE-005: strings go through `JSON.stringify` like every other value,
 * so `writeSSE("hi")` arrives as `"hi"` (quotes included) instead of as is.
 */
import { breakReference, sseVia, type AlsoBreaks } from '../break.ts';
import { SseEncoder } from '../sse-encoder.ts';

class JsonForStrings extends SseEncoder {
  override dataText(data: unknown): string {
    return typeof data === 'string' ? JSON.stringify(data) : super.dataText(data);
  }
}

export const breaks = 'SSE-005';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'SSE-009': 'writeSSE("") must give an event whose data is the empty string: it gives the two characters ""',
  'SSE-017': 'SSE-017\'s rule is that a client decodes the data to the same text: it reads the text in JSON quotes, with backslash escapes for some characters',
};

export default breakReference({ name: 'sse-json-for-strings', breaks, ...sseVia(new JsonForStrings()) });
