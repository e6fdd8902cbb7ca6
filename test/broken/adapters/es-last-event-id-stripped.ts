/**
 * Breaks WIRE-014: handlers get a copy of the request without its
 * `Last-Event-ID` header (as a proxy or a router that rebuilds requests
 * from a header allow-list does), so a reconnecting client cannot resume.
 */
import { breakReference } from '../break.ts';

export const breaks = 'WIRE-014';

export default breakReference({
  name: 'es-last-event-id-stripped',
  breaks,
  wrapContext: (ctx) => {
    const headers = new Headers(ctx.req.headers);
    headers.delete('last-event-id');
    return { ...ctx, req: new Request(ctx.req, { headers }) };
  },
});
