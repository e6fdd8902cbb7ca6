/** Breaks HDR-001: the default media type is `text/plain` without `charset=utf-8`. */
import { breakReference, callerSets, editHeaders } from '../break.ts';

export const breaks = 'HDR-001';

export default breakReference({
  name: 'hdr-default-no-charset',
  breaks,
  ...editHeaders((headers, kind, options) => {
    if (kind === 'sse' || options.contentType !== undefined || callerSets(options, 'content-type')) return;
    headers.set('Content-Type', 'text/plain');
  }),
});
