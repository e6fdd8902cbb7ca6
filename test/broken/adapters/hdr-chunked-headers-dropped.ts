/** Breaks HDR-003: `chunkedResponse` ignores `options.headers` (the other kinds send them). */
import { breakReference } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'HDR-003';

/** Unavoidable: HDR-004 overrides defaults through the headers of chunkedResponse too. */
export const alsoBreaks = ['HDR-004'];

export default breakReference({
  name: 'hdr-chunked-headers-dropped',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    chunkedResponse: (chunks, options) => ctx.chunkedResponse(chunks, { ...optionsRecord('options', options), headers: undefined }),
  }),
});
