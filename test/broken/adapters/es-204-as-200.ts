/**
 * Breaks WIRE-016: a handler's 204 is answered as an empty 200 event stream
 * (a framework that "normalizes" bodiless answers), so an EventSource sees a
 * stream that ended and reconnects instead of stopping.
 */
import { breakReference } from '../break.ts';

export const breaks = 'WIRE-016';

export default breakReference({
  name: 'es-204-as-200',
  breaks,
  wrapResponse: (response) =>
    response.status === 204
      ? new Response('', { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } })
      : response,
});
