/** Node bridge: shared option checks, request handling and `listen` for both protocols. */
import type { AddressInfo, Server } from 'node:net';
import { InvalidOptionError } from '../errors.ts';
import { requireOptionsObject } from '../options.ts';
import { toWebRequest, type NodeRequest, type NodeResponse } from './to-web-request.ts';
import { sendPlain500, writeResponse } from './write-response.ts';

/** Anything with a fetch-style `handler`: an app of `createApp()`, or `{ handler }`. */
export interface FetchHandlerHost {
  handler(request: Request): Response | Promise<Response>;
}

/** Options of `serve` and `serveHttp2`. */
export interface ServeOptions {
  /** Default 0: an ephemeral port (read it from the result). */
  port?: number;
  /** Default `127.0.0.1`. */
  hostname?: string;
  /** Aborting it closes the server. */
  signal?: AbortSignal;
}

/** A listening server. */
export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  /** Stops listening and ends open connections (streams included). */
  close(): Promise<void>;
}

/** Validated {@link ServeOptions}. */
export function resolveServeOptions(options: unknown): { port: number; hostname: string; signal: AbortSignal | undefined } {
  const o = requireOptionsObject('options', options);
  const { port = 0, hostname = '127.0.0.1', signal } = o;
  if (!(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535)) {
    throw new InvalidOptionError('options.port', port, 'must be an integer from 0 to 65535');
  }
  if (typeof hostname !== 'string' || hostname === '') throw new InvalidOptionError('options.hostname', hostname, 'must be a non-empty string');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new InvalidOptionError('options.signal', signal, 'must be an AbortSignal');
  return { port: port as number, hostname, signal };
}

/** Checks that `host` has a `handler` function. */
export function requireHandlerHost(host: unknown): FetchHandlerHost {
  if (typeof (host as Partial<FetchHandlerHost> | null)?.handler !== 'function') {
    throw new InvalidOptionError('app', host, 'must have a handler(request) function (an app of createApp())');
  }
  return host as FetchHandlerHost;
}

/** The Node request listener: Request in, Response out, never an unhandled rejection. */
export function nodeListener(host: FetchHandlerHost, fallbackHost: string): (req: NodeRequest, res: NodeResponse) => void {
  return (req, res) => {
    void (async () => {
      let request: Request;
      try {
        request = toWebRequest(req, res, fallbackHost);
      } catch (error) {
        sendPlain500(res, error);
        return;
      }
      let response: Response;
      try {
        response = await host.handler(request);
        if (!(response instanceof Response)) throw new TypeError('the handler did not return a Response');
      } catch (error) {
        sendPlain500(res, error);
        return;
      }
      // Neither awaited nor returned (it never rejects): this frame, its promise and the request it
      // holds are done while the body streams.
      void writeResponse(res, response);
    })().catch((error: unknown) => {
      try {
        sendPlain500(res, error);
      } catch {
        // The response is beyond repair; the socket is already gone.
      }
    });
  };
}

/**
 * Listens (any `node:net` server: HTTP/1.1, HTTP/2, raw TCP), resolves with
 * the bound port; rejects with Node's error (e.g. `EADDRINUSE`).
 * `closeConnections` ends what is still open when the server closes.
 */
export function listen(
  server: Server,
  port: number,
  hostname: string,
  closeConnections: () => void,
  signal: AbortSignal | undefined,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      let closing: Promise<void> | undefined;
      const close = (): Promise<void> =>
        (closing ??= new Promise<void>((done) => {
          server.close(() => done());
          closeConnections();
        }));
      if (signal?.aborted) void close();
      else signal?.addEventListener('abort', () => void close(), { once: true });
      resolve({ url: `http://${host}:${bound}`, port: bound, close });
    });
  });
}
