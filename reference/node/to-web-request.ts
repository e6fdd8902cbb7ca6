/**
 * Node bridge: an incoming Node request (HTTP/1.1 or HTTP/2 compatibility
 * API) as a web `Request` whose `signal` aborts when the client goes away
 * before the response finished.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { Readable } from 'node:stream';

/** A Node request of either protocol. */
export type NodeRequest = IncomingMessage | Http2ServerRequest;
/** A Node response of either protocol. */
export type NodeResponse = ServerResponse | Http2ServerResponse;

/** The URL of `req`: scheme and authority from HTTP/2 pseudo-headers or the Host header. */
export function requestUrl(req: NodeRequest, fallbackHost: string): URL {
  const scheme = (req.headers[':scheme'] as string | undefined) ?? 'http';
  const authority = (req.headers[':authority'] as string | undefined) ?? req.headers.host ?? fallbackHost;
  return new URL(req.url ?? '/', `${scheme}://${authority}`);
}

/**
 * Builds the `Request`. Its signal aborts when `res` closes before it
 * finished (the client went away), so streams and generators can stop.
 * @throws TypeError when the URL cannot be built (a malformed Host header).
 */
export function toWebRequest(req: NodeRequest, res: NodeResponse, fallbackHost: string): Request {
  const url = requestUrl(req, fallbackHost);
  const controller = new AbortController();
  // Not 'finish': Node's HTTP/2 compatibility layer emits it on every stream close, reset included.
  // `on`, not `once`: 'close' is emitted once, and `once` adds a wrapper, its state and a bound function per request.
  res.on('close', () => {
    if (!res.writableEnded) controller.abort(new DOMException('the client went away before the response finished', 'AbortError'));
  });

  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers are not fields
    try {
      headers.append(name, raw[i + 1]!);
    } catch {
      // A field value that Headers rejects is left out rather than failing the request.
    }
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = {
    method: req.method ?? 'GET',
    headers,
    signal: controller.signal,
  };
  if (hasBody) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(url, init);
}
