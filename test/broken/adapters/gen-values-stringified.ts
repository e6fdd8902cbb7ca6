/** Breaks GEN-007 (SHOULD): `streamResponse` sends a yielded value that is neither text nor bytes as `String(value)` instead of ending the body in error. */
import { breakReference } from '../break.ts';
import { mapSource } from '../sources.ts';

export const breaks = 'GEN-007';

export default breakReference({
  name: 'gen-values-stringified',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    streamResponse: (iterable, options) =>
      ctx.streamResponse(
        mapSource('iterable', iterable, (value) => (typeof value === 'string' || value instanceof Uint8Array ? value : String(value))),
        options,
      ),
  }),
});
