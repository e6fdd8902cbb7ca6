/** Breaks GEN-001: `streamResponse` appends `\n` to every yielded string, as if each were a line. */
import { breakReference } from '../break.ts';
import { mapSource } from '../sources.ts';

export const breaks = 'GEN-001';

export default breakReference({
  name: 'gen-string-newline',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    streamResponse: (iterable, options) =>
      ctx.streamResponse(mapSource('iterable', iterable, (value) => (typeof value === 'string' ? `${value}\n` : value)), options),
  }),
});
