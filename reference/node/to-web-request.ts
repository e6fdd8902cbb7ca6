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

/**
 * The URL of `req`: scheme and authority from HTTP/2 pseudo-headers or the
 * Host header. A string, parsed once, by the `Request` it is given to.
 */
export function requestUrl(req: NodeRequest, fallbackHost: string): string {
  const scheme = (req.headers[':scheme'] as string | undefined) ?? 'http';
  const authority = (req.headers[':authority'] as string | undefined) ?? req.headers.host ?? fallbackHost;
  const target = req.url ?? '/';
  // origin-form (`/path?query`, the usual): appended as is (so `//x` stays a path);
  // absolute-form and `*` are resolved against the origin.
  return target.startsWith('/') ? `${scheme}://${authority}${target}` : new URL(target, `${scheme}://${authority}`).href;
}

/**
 * The `Request` the bridge hands to the app: a web `Request` whose `signal`
 * is the bridge's own, aborted when the client goes away.
 *
 * A `Request` built with `{ signal }` follows that signal through a signal of
 * its own, which stops following once the `Request` object is collected
 * (undici holds it with a `WeakRef`). Handlers keep `ctx.req.signal` and
 * drop `ctx.req`, so `signal` here returns the bridge's signal itself: it
 * works for as long as anyone holds it, and no open stream has to keep its
 * `Request` alive. The inner signal is still given (copies made with
 * `new Request(ctx.req)` and `fetch(ctx.req)` follow it), and `clone()`
 * follows the bridge's signal.
 */
export class IncomingRequest extends Request {
  readonly #signal: AbortSignal;

  constructor(url: string, init: RequestInit & { duplex?: 'half'; signal: AbortSignal }) {
    super(url, init);
    this.#signal = init.signal;
  }

  /** Aborts when the client went away before the response finished. */
  override get signal(): AbortSignal {
    return this.#signal;
  }

  override clone(): Request {
    return new Request(super.clone(), { signal: this.#signal });
  }
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

  const fields = headerFields(req.rawHeaders);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half'; signal: AbortSignal } = { method: req.method ?? 'GET', headers: fields, signal: controller.signal };
  if (hasBody) {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  try {
    return new IncomingRequest(url, init);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // A field that Headers rejects is left out rather than failing the request (a bad URL throws again).
    init.headers = acceptedFields(fields);
    return new IncomingRequest(url, init);
  }
}

/** The fields of `rawHeaders` as name/value pairs (what `Request` copies from), pseudo-headers left out. */
function headerFields(raw: readonly string[]): [string, string][] {
  const fields: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (!name.startsWith(':')) fields.push([name, raw[i + 1]!]); // HTTP/2 pseudo-headers are not fields
  }
  return fields;
}

/** The fields that `Headers` accepts, one by one. */
function acceptedFields(fields: readonly [string, string][]): Headers {
  const headers = new Headers();
  for (const [name, value] of fields) {
    try {
      headers.append(name, value);
    } catch {
      // left out
    }
  }
  return headers;
}
