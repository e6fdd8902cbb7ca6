/**
 * Breaks SSE-022: the app negotiates the media type before the handler runs,
 * against the type its routes default to (`text/plain`), and answers `406
 * Not Acceptable` to a request whose `Accept` field does not accept it. A
 * real EventSource sends `Accept: text/event-stream`, so it is refused (and
 * fails the connection); a request without `Accept` — as a test's `fetch`
 * makes — gets the event stream.
 *
 * For such requests the defect also breaks HDR-008 (status 200); HDR-008's
 * check sends no `Accept` field, so only SSE-022 — a real client — sees it.
 */
import { breakReference } from '../break.ts';

export const breaks = 'SSE-022';

/** Whether an `Accept` field value accepts text/plain (`text/plain`, `text/*`, `*\/*`, with a q-value above 0). */
function acceptsTextPlain(accept: string): boolean {
  return accept.split(',').some((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) return false;
    return type === 'text/plain' || type === 'text/*' || type === '*/*';
  });
}

export default breakReference({
  name: 'sse-event-source-not-acceptable',
  breaks,
  async wrapResponse(response, request) {
    const accept = request.headers.get('accept');
    if (accept === null || acceptsTextPlain(accept)) return response;
    await response.body?.cancel().catch(() => {});
    return new Response('406 Not Acceptable: this route sends text/plain', { status: 406, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  },
});
