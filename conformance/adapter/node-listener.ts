/**
 * For frameworks that only speak Node's `(req, res)` request listener
 * (express, fastify's `server.routing`, koa's `app.callback()` style): gives
 * an adapter its `handle` and `listen` from a listener (README "1. Write an
 * adapter").
 *
 * - `listen(app)`: a `node:http` server on 127.0.0.1 (ephemeral port) running
 *   the listener — the WIRE checks judge the framework's own bytes.
 * - `handle(app, request)`: the same listener on a server of its own, reached
 *   over the loopback with `fetch` (one server per request, closed when the
 *   response body ends, errors or is cancelled). The request's method, headers, body and signal are passed on
 *   (aborting the signal closes the connection, so the framework sees its
 *   client go away); the connection's own fields (`Connection`,
 *   `Keep-Alive`, `Transfer-Encoding`) are the loopback's and are taken off
 *   the response, as they would be by any `fetch` — how the framework frames
 *   its bytes is judged over the socket (WIRE profile).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListeningServer } from './contract.ts';

/** A Node request listener, as `http.createServer(listener)` takes it. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** What {@link fromNodeListener} gives an adapter. */
export interface NodeListenerParts<App> {
  handle(app: App, request: Request): Promise<Response>;
  listen(app: App): Promise<ListeningServer>;
}

/** Fields of the loopback connection, not of the response (RFC 9110 §7.6.1). */
const CONNECTION_FIELDS = ['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade'];

async function startServer(listener: NodeRequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * `handle` and `listen` for an adapter whose app is served by a Node request
 * listener: `...fromNodeListener((app) => app.callback())`.
 */
export function fromNodeListener<App>(listenerOf: (app: App) => NodeRequestListener): NodeListenerParts<App> {
  return {
    async handle(app, request) {
      const { server, url } = await startServer(listenerOf(app));
      const target = new URL(request.url);
      const init: RequestInit & { duplex?: 'half' } = {
        method: request.method,
        headers: request.headers,
        signal: request.signal,
        redirect: 'manual',
      };
      if (request.body !== null) {
        init.body = request.body;
        init.duplex = 'half';
      }
      let response: Response;
      try {
        response = await fetch(url + target.pathname + target.search, init);
      } catch (error) {
        await stop(server);
        throw error;
      }
      const headers = new Headers(response.headers);
      for (const name of CONNECTION_FIELDS) headers.delete(name);
      if (response.body === null) {
        await stop(server);
        return new Response(null, { status: response.status, statusText: response.statusText, headers });
      }
      // The body is passed through as it arrives; the server goes when it ends, errors or is cancelled.
      const reader = response.body.getReader();
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            try {
              const next = await reader.read();
              if (next.done) {
                controller.close();
                void stop(server);
              } else controller.enqueue(next.value);
            } catch (error) {
              controller.error(error);
              void stop(server);
            }
          },
          async cancel(reason) {
            await reader.cancel(reason).catch(() => {});
            await stop(server);
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    },
    async listen(app) {
      const { server, url } = await startServer(listenerOf(app));
      return { url, close: () => stop(server) };
    },
  };
}
