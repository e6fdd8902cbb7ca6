/**
 * Node bridges: `serve` (HTTP/1.1, `node:http`) and `serveHttp2` (h2c,
 * `node:http2` `createServer`). Both put `app.handler` on a socket; see
 * `write-response.ts` for how bodies cross.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttp2Server, type Http2Session } from 'node:http2';
import { listen, nodeListener, requireHandlerHost, resolveServeOptions, type RunningServer, type ServeOptions } from './listen.ts';

export type { FetchHandlerHost, RunningServer, ServeOptions } from './listen.ts';

/**
 * Serves `app` over HTTP/1.1 on `hostname` (default `127.0.0.1`) and `port`
 * (default 0: ephemeral). Rejects with Node's error when it cannot listen
 * (`code: 'EADDRINUSE'` for a port in use).
 */
export async function serve(app: { handler(request: Request): Response | Promise<Response> }, options?: ServeOptions): Promise<RunningServer> {
  const host = requireHandlerHost(app);
  const { port, hostname, signal } = resolveServeOptions(options);
  const server = createHttpServer(nodeListener(host, hostname));
  return listen(server, port, hostname, () => server.closeAllConnections(), signal);
}

/** Serves `app` over cleartext HTTP/2 (h2c, prior knowledge); same options and result as {@link serve}. */
export async function serveHttp2(app: { handler(request: Request): Response | Promise<Response> }, options?: ServeOptions): Promise<RunningServer> {
  const host = requireHandlerHost(app);
  const { port, hostname, signal } = resolveServeOptions(options);
  const server = createHttp2Server(nodeListener(host, hostname));
  const sessions = new Set<Http2Session>();
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  return listen(server, port, hostname, () => sessions.forEach((session) => session.destroy()), signal);
}
