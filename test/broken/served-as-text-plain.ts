/**
 * A server layer in front of a correct app that serves every streamed
 * response as `text/plain` — as a default-type setting or a proxy rule that
 * overrides the app's Content-Type does. In process the app is right
 * (SSE-001 passes); a real client over the socket fails the connection (the
 * media type is not text/event-stream: WHATWG HTML §9.2.2), whatever the
 * events.
 */
import { defineAdapter, type Adapter } from '../../conformance/adapter/contract.ts';
import { listenWithBridge, listenWithHttp2Bridge } from '../../conformance/adapter/default-listen.ts';
import { createApp } from '../../reference/index.ts';

type App = ReturnType<typeof createApp>;

async function servedAsTextPlain(app: App, request: Request): Promise<Response> {
  const response = await app.handler(request);
  if (!(response.headers.get('content-type') ?? '').toLowerCase().startsWith('text/event-stream')) return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Type', 'text/plain; charset=utf-8');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function servedAsTextPlainAdapter(name: string): Adapter<App> {
  return defineAdapter<App>({
    name: `broken/${name}`,
    createApp: () => createApp({ onError: () => {} }),
    listen: (app) => listenWithBridge((request) => servedAsTextPlain(app, request)),
    listenHttp2: (app) => listenWithHttp2Bridge((request) => servedAsTextPlain(app, request)),
  });
}
