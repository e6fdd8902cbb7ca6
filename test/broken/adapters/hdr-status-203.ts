/** Breaks HDR-008: streamed responses answer `203 Non-Authoritative Information` instead of 200. */
import { breakReference } from '../break.ts';

export const breaks = 'HDR-008';

export default breakReference({
  name: 'hdr-status-203',
  breaks,
  // Streams carry no Content-Length (the reference's JSON answers and errors do).
  wrapResponse: (response) =>
    response.status === 200 && !response.headers.has('content-length')
      ? new Response(response.body, { status: 203, statusText: 'Non-Authoritative Information', headers: response.headers })
      : response,
});
