/**
 * `createApp()`: routes, the `ctx`, and `app.handler(request)` — web
 * standards only, so it runs on Node (through `reference/node`), Bun
 * (`Bun.serve({ fetch: app.handler })`) and Deno (`Deno.serve(app.handler)`).
 */
import { createContext, jsonResponse, type Context } from './context.js';
import { typeName } from './describe-value.js';
import { MalformedBodyError, parseRequestBody } from './request-body.js';
import { Router, type Method } from './router.js';

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

/** Creates an app (guide: `const app = createApp();`). */
export function createApp(options: AppOptions = {}): App {
  const router = new Router<Handler>();
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const report = (error: unknown, request: Request, phase: ErrorPhase): void => {
    try {
      onError(error, { request, phase });
    } catch (reportFailure) {
      console.error('onError threw while reporting', error, reportFailure);
    }
  };

  const handler = async (request: Request): Promise<Response> => {
    try {
      const url = new URL(request.url);
      const match = router.match(request.method, url.pathname);
      if (match.kind === 'not-found') return jsonResponse({ error: 'Not Found', path: url.pathname }, { status: 404 });
      if (match.kind === 'bad-path') return jsonResponse({ error: 'Bad Request', reason: match.reason }, { status: 400 });
      if (match.kind === 'method-not-allowed') {
        return jsonResponse({ error: 'Method Not Allowed', path: url.pathname }, { status: 405, headers: { Allow: match.allow.join(', ') } });
      }
      let body: unknown;
      try {
        body = await parseRequestBody(request);
      } catch (error) {
        if (error instanceof MalformedBodyError) return jsonResponse({ error: error.message }, { status: 400 });
        throw error;
      }
      const ctx = createContext({
        request,
        params: match.params,
        query: url.searchParams,
        body,
        signal: request.signal,
        // A method, not an arrow: tsx/esbuild (keepNames) gives a named arrow a `name` property per request.
        reportError(error) {
          report(error, request, 'stream');
        },
      });
      const response: unknown = await match.handler(ctx);
      if (!(response instanceof Response)) {
        throw new TypeError(`the handler for ${request.method} ${url.pathname} returned ${typeName(response)}, not a Response`);
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
