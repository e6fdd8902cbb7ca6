/** Breaks GEN-002: `streamResponse` decodes yielded bytes as UTF-8 and sends the text, so bytes that are not UTF-8 become U+FFFD. */
import { breakReference } from '../break.ts';
import { mapSource } from '../sources.ts';

export const breaks = 'GEN-002';

const decoder = new TextDecoder();

export default breakReference({
  name: 'gen-bytes-as-text',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    streamResponse: (iterable, options) =>
      ctx.streamResponse(mapSource('iterable', iterable, (value) => (value instanceof Uint8Array ? decoder.decode(value) : value)), options),
  }),
});
