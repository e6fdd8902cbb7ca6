/**
 * Breaks GEN-002: `streamResponse` sends the whole underlying buffer of each
 * yielded Uint8Array (`new Uint8Array(view.buffer)`), not just the view's
 * bytes — the classic bug with `subarray()` views and pooled Buffers.
 */
import { breakReference } from '../break.ts';
import { mapSource } from '../sources.ts';

export const breaks = 'GEN-002';

export default breakReference({
  name: 'gen-bytes-view-whole-buffer',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    streamResponse: (iterable, options) =>
      ctx.streamResponse(mapSource('iterable', iterable, (value) => (value instanceof Uint8Array ? new Uint8Array(value.buffer) : value)), options),
  }),
});
