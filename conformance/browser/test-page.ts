/**
 * The page Chromium loads, served by the implementation under test itself
 * (a route on its app, so every EventSource it opens is same-origin). Its
 * script opens an EventSource on a URL it is given, records what Chromium
 * dispatched — to which listener, type, data, lastEventId, when — and every
 * `error` event with the `readyState` it left, then hands the record back to
 * the suite through `page.evaluate`.
 * See WHATWG HTML §9.2 (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 */

/** Where the page is served on the app under test. */
export const TEST_PAGE_PATH = '/__streamconform/page';

/** What the suite asks the page to do: open `url`, listen to `types`, stop after `errors` error events (or CLOSED, or `timeoutMs`). */
export interface CollectSpec {
  /** Same-origin path (or URL) of the event stream. */
  url: string;
  /** Event types to listen to with addEventListener (`message` is always listened to, through `onmessage`). */
  types: string[];
  /** Stop after this many `error` events (1: the end of the first stream). */
  errors: number;
  /** Stop after this long, whatever happened (ms). */
  timeoutMs: number;
}

/** One event as Chromium dispatched it to a listener (`listener` is `message` for `onmessage`). */
export interface PageDispatch {
  listener: string;
  type: string;
  data: string;
  lastEventId: string;
  /** ms since the EventSource was created (page clock). */
  atMs: number;
}

export interface PageError {
  /** 0 CONNECTING (Chromium will reconnect), 2 CLOSED (it will not). */
  readyState: number;
  atMs: number;
}

/** What the page hands back. */
export interface PageCollection {
  dispatches: PageDispatch[];
  errors: PageError[];
  /** Why the page stopped listening. */
  ended: 'errors' | 'closed' | 'timeout';
}

/** The page script (plain browser JavaScript; no build step, nothing from Node). */
const PAGE_SCRIPT = String.raw`
'use strict';
window.streamconform = {
  collect(spec) {
    return new Promise((resolve) => {
      const dispatches = [];
      const errors = [];
      const source = new EventSource(spec.url);
      const startedAt = performance.now();
      let finished = false;
      const finish = (ended) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        source.close();
        resolve({ dispatches, errors, ended });
      };
      const record = (listener) => (event) => {
        // A stream may name its events "error" or "open": those are MessageEvents, the EventSource's own are not.
        if (!(event instanceof MessageEvent)) return;
        dispatches.push({ listener, type: event.type, data: event.data, lastEventId: event.lastEventId, atMs: performance.now() - startedAt });
      };
      source.onmessage = record('message');
      for (const type of spec.types) if (type !== 'message') source.addEventListener(type, record(type));
      source.addEventListener('error', (event) => {
        if (event instanceof MessageEvent) return;
        errors.push({ readyState: source.readyState, atMs: performance.now() - startedAt });
        if (source.readyState === EventSource.CLOSED) finish('closed');
        else if (errors.length >= spec.errors) finish('errors');
      });
      const timer = setTimeout(() => finish('timeout'), spec.timeoutMs);
    });
  },
};
`;

/** The HTML of the test page. */
export const TEST_PAGE_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>streamconform: EventSource probe</title>
</head>
<body>
<p>streamconform drives this page: it opens EventSources on the implementation under test and reports what Chromium dispatched.</p>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;

/** The route handler that serves the page (returns a plain `Response`, as the guide's handlers may). */
export function testPageResponse(): Response {
  return new Response(TEST_PAGE_HTML, {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** The expression `page.evaluate` runs for {@link CollectSpec} (JSON is valid JavaScript; lone surrogates come escaped). */
export function collectExpression(spec: CollectSpec): string {
  return `window.streamconform.collect(${JSON.stringify(spec)})`;
}
