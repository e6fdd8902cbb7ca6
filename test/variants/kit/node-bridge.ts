/**
 * An HTTP/1.1 bridge written independently of the reference's
 * (`reference/node/`): `node:http`, each web body read with a plain reader
 * and written one `res.write` per chunk — no batching of text, no shortcut
 * into the reference's streams — with styles a correct server may choose:
 *
 * - `headWithFirstWrite`: the response head is not flushed on its own; it goes
 *   out with the first body bytes (or with the end of an empty body), as many
 *   servers do (RFC 9110 puts no time on the head);
 * - `fieldName`: how field names are spelled on the wire (RFC 9110 §5.1: they
 *   are case-insensitive);
 * - `reason`: the reason phrase (RFC 9112 §4: a client ignores it).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ListeningServer } from '../../../conformance/adapter/contract.ts';

/** What the bridge serves: anything with a fetch-style handler. */
export interface FetchApp {
  handler(request: Request): Response | Promise<Response>;
}

export interface BridgeStyle {
  headWithFirstWrite?: boolean;
  fieldName?: (lowerCaseName: string) => string;
  reason?: string;
}

/** `content-type` → `Content-Type`. */
export function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** Serves `app` on 127.0.0.1 (ephemeral port). */
export function listenNode(app: FetchApp, style: BridgeStyle = {}): Promise<ListeningServer> {
  const server = createServer((req, res) => {
    void answer(app, req, res, style).catch(() => res.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function toRequest(req: IncomingMessage, res: ServerResponse): Request {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableEnded) controller.abort(new DOMException('the client went away', 'AbortError'));
  });
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, init);
}

async function answer(app: FetchApp, req: IncomingMessage, res: ServerResponse, style: BridgeStyle): Promise<void> {
  const request = toRequest(req, res);
  // Keep the Request alive while the response is open: its signal follows the bridge's only while it exists.
  res.once('close', () => void request);
  let response: Response;
  try {
    response = await app.handler(request);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    return;
  }
  const fields: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') fields[style.fieldName?.(name) ?? name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) fields[style.fieldName?.('set-cookie') ?? 'set-cookie'] = cookies;
  let headSent = false;
  const sendHead = (): void => {
    if (headSent) return;
    headSent = true;
    if (style.reason === undefined) res.writeHead(response.status, fields);
    else res.writeHead(response.status, style.reason, fields);
  };
  if (response.body === null) {
    sendHead();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on('close', () => {
    if (!res.writableEnded) reader.cancel().catch(() => {});
  });
  if (!style.headWithFirstWrite) {
    sendHead();
    res.flushHeaders();
  }
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (value.byteLength === 0) continue; // nothing to send (an empty chunk must not end the body)
      sendHead();
      if (!res.write(value)) await drained(res);
    }
  } catch {
    // The body failed: close the connection without the last chunk, after what was written went out.
    if (!headSent) sendHead();
    await new Promise((resolve) => setImmediate(resolve));
    if (res.socket && !res.socket.destroyed) res.socket.destroySoon();
    else res.destroy();
    return;
  }
  sendHead();
  res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
