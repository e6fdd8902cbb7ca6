/** Breaks HDR-003: `chunkedResponse` ignores `options.headers` (the other kinds send them). */
import { breakReference, type AlsoBreaks } from '../break.ts';
import { optionsRecord } from '../stream-like.ts';

export const breaks = 'HDR-003';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'HDR-004': 'a caller\'s header of chunkedResponse never reaches the response, so it cannot replace the default of the same name (the default Content-Type stays)',
};

export default breakReference({
  name: 'hdr-chunked-headers-dropped',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    chunkedResponse: (chunks, options) => ctx.chunkedResponse(chunks, { ...optionsRecord('options', options), headers: undefined }),
  }),
});
