/**
 * `createApp()`: routes, the `ctx`, and `app.handler(request)` — web
 * standards only, so it runs on Node (through `reference/node`), Bun
 * (`Bun.serve({ fetch: app.handler })`) and Deno (`Deno.serve(app.handler)`).
 */
import { createContext, jsonResponse, type Context } from './context.ts';
import { typeName } from './describe-value.ts';
import { MalformedBodyError, parseRequestBody } from './request-body.ts';
import type { ResponseEnvironment } from './responses.ts';
import { Router, type Method } from './router.ts';
import { isThenable } from './thenable.ts';

/** A route handler: gets the context, returns a `Response` (or a promise of one). */
export type Handler = (ctx: Context) => Response | Promise<Response>;

/** Where an error happened: in the handler, or later while the body streamed. */
export type ErrorPhase = 'handler' | 'stream';

/** Options of {@link createApp}. */
export interface AppOptions {
  /**
   * Called with every error the app catches: a handler that threw (answered
   * with 500) and a body that failed while streaming (a generator that threw,
   * a value it could not send). Default: `console.error`.
   *
   * `info.request` is the request in phase `handler`. In phase `stream` it is
   * a copy with the same method, URL and headers (no body, a signal that
   * never aborts): an open stream does not keep the original `Request`
   * (about 1.3 KB on Node), only what a report needs.
   */
  onError?(error: unknown, info: { request: Request; phase: ErrorPhase }): void;
}

/** An app: register routes, then serve `app.handler`. */
export interface App {
  get(path: string, handler: Handler): App;
  post(path: string, handler: Handler): App;
  put(path: string, handler: Handler): App;
  patch(path: string, handler: Handler): App;
  delete(path: string, handler: Handler): App;
  /** Answers one request. Bound: pass it around as is. Never rejects. */
  readonly handler: (request: Request) => Promise<Response>;
}

type Report = (error: unknown, request: Request, phase: ErrorPhase) => void;

/**
 * What a streaming body keeps of its request: the signal, and for `onError`
 * (phase `stream`) the method, URL and headers — not the `Request`, the
 * context or the handler's scope. One small object per open stream.
 */
class StreamEnvironment implements ResponseEnvironment {
  readonly signal: AbortSignal;
  readonly #method: string;
  readonly #url: string;
  /** Header names and values, alternating. */
  readonly #headerFields: string[];
  readonly #report: Report;

  constructor(request: Request, url: string, report: Report) {
    this.signal = request.signal;
    this.#method = request.method;
    this.#url = url;
    const fields: string[] = [];
    request.headers.forEach((value, name) => fields.push(name, value));
    this.#headerFields = fields;
    this.#report = report;
  }

  reportError(error: unknown): void {
    const headers = new Headers();
    const fields = this.#headerFields;
    for (let i = 0; i + 1 < fields.length; i += 2) headers.append(fields[i]!, fields[i + 1]!);
    this.#report(error, new Request(this.#url, { method: this.#method, headers }), 'stream');
  }
}

/**
 * The still percent-encoded path and the query (`?…`, or empty) of a
 * serialized URL: `request.url` is one, so for `http:` and `https:` they are
 * sliced out rather than parsed again; any other URL is parsed.
 */
export function splitUrl(href: string): { pathname: string; search: string } {
  const schemeEnd = href.startsWith('http://') ? 7 : href.startsWith('https://') ? 8 : -1;
  if (schemeEnd < 0) {
    const url = new URL(href);
    return { pathname: url.pathname, search: url.search };
  }
  // A serialized http(s) URL always has a path that starts with "/" after the host.
  const pathStart = href.indexOf('/', schemeEnd);
  const hash = href.indexOf('#', pathStart);
  const end = hash < 0 ? href.length : hash;
  const query = href.indexOf('?', pathStart);
  if (query < 0 || query > end) return { pathname: href.slice(pathStart, end), search: '' };
  // An empty query ("?" alone) is no query, as URL's `search` has it.
  return { pathname: href.slice(pathStart, query), search: end - query > 1 ? href.slice(query, end) : '' };
}

/** Creates an app (guide: `const app = createApp();`). */
export function createApp(options: AppOptions = {}): App {
  const router = new Router<Handler>();
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const report: Report = (error, request, phase) => {
    try {
      onError(error, { request, phase });
    } catch (reportFailure) {
      console.error('onError threw while reporting', error, reportFailure);
    }
  };

  const handler = async (request: Request): Promise<Response> => {
    try {
      const href = request.url;
      const { pathname, search } = splitUrl(href);
      const match = router.match(request.method, pathname);
      if (match.kind === 'not-found') return jsonResponse({ error: 'Not Found', path: pathname }, { status: 404 });
      if (match.kind === 'bad-path') return jsonResponse({ error: 'Bad Request', reason: match.reason }, { status: 400 });
      if (match.kind === 'method-not-allowed') {
        return jsonResponse({ error: 'Method Not Allowed', path: pathname }, { status: 405, headers: { Allow: match.allow.join(', ') } });
      }
      let body: unknown;
      try {
        // No body (GET, HEAD): no promise to wait for.
        body = request.body === null ? undefined : await parseRequestBody(request);
      } catch (error) {
        if (error instanceof MalformedBodyError) return jsonResponse({ error: error.message }, { status: 400 });
        throw error;
      }
      const ctx = createContext({ request, params: match.params, search, body, env: new StreamEnvironment(request, href, report) });
      let response: unknown = match.handler(ctx);
      if (isThenable(response)) response = await response;
      if (!(response instanceof Response)) {
        throw new TypeError(`the handler for ${request.method} ${pathname} returned ${typeName(response)}, not a Response`);
      }
      return response;
    } catch (error) {
      report(error, request, 'handler');
      return jsonResponse({ error: error instanceof Error ? error.message : String(error) }, { status: 500 });
    }
  };

  const app: App = {
    get: (path, h) => route('GET', path, h),
    post: (path, h) => route('POST', path, h),
    put: (path, h) => route('PUT', path, h),
    patch: (path, h) => route('PATCH', path, h),
    delete: (path, h) => route('DELETE', path, h),
    handler,
  };
  function route(method: Method, path: string, h: Handler): App {
    router.add(method, path, h);
    return app;
  }
  return app;
}
