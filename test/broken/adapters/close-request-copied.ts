/**
 * Breaks CLOSE-007: handlers get a copy of the request made without its
 * signal (`new Request(url, { method, headers })`), so `ctx.req.signal` never
 * aborts when the client goes away. (Streams still see the real signal.)
 */
import { breakReference } from '../break.ts';

export const breaks = 'CLOSE-007';

export default breakReference({
  name: 'close-request-copied',
  breaks,
  wrapContext: (ctx) => ({ ...ctx, req: new Request(ctx.req.url, { method: ctx.req.method, headers: ctx.req.headers }) }),
});
