/**
 * Breaks HDR-002: a `contentType` without a charset gets `; charset=utf-8`
 * appended (`application/octet-stream; charset=utf-8`) instead of being sent
 * unchanged. (`text/event-stream` is left alone, so SSE-001 still holds.)
 */
import { breakReference, callerSets, editHeaders } from '../break.ts';

export const breaks = 'HDR-002';

export default breakReference({
  name: 'hdr-content-type-charset-added',
  breaks,
  ...editHeaders((headers, kind, options) => {
    const { contentType } = options;
    if (typeof contentType !== 'string' || callerSets(options, 'content-type')) return;
    if (/charset/i.test(contentType) || /^\s*text\/event-stream\s*$/i.test(contentType)) return;
    headers.set('Content-Type', `${contentType}; charset=utf-8`);
  }),
});
