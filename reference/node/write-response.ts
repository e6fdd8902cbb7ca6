/**
 * Node bridge: sends a web `Response` on a Node response, chunk by chunk as
 * the body yields them (no buffering), honouring `drain`.
 *
 * - no `Content-Length` is added: HTTP/1.1 uses chunked transfer coding;
 * - a clean end → `end()` (the last chunk `0\r\n\r\n`); a body that errors →
 *   the connection (HTTP/1.1) or stream (HTTP/2, RST_STREAM INTERNAL_ERROR)
 *   is torn down, so the client can tell the body was cut short;
 * - the client goes away → the body reader is cancelled, so a generator's
 *   `return()` runs.
 */
import { constants, Http2ServerResponse } from 'node:http2';
import { HOP_BY_HOP_HEADERS } from '../headers.js';
import type { NodeResponse } from './to-web-request.js';

/** The part of both Node response kinds that the bridge uses (their union has no callable `write`). */
interface WritableNodeResponse {
  readonly writableEnded: boolean;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  flushHeaders?(): void;
}

/** Sends `response` on `res`. Never rejects. */
export async function writeResponse(nodeResponse: NodeResponse, response: Response): Promise<void> {
  const res = nodeResponse as NodeResponse & WritableNodeResponse;
  const http2 = res instanceof Http2ServerResponse;
  let gone = false;
  const body = response.body;
  const reader = body?.getReader();
  res.once('close', () => {
    gone = true;
    if (!res.writableEnded) reader?.cancel().catch(() => {});
  });
  try {
    res.writeHead(response.status, nodeHeaders(response.headers, http2));
  } catch (error) {
    reader?.cancel(error).catch(() => {});
    sendPlain500(res, error);
    return;
  }
  if (reader === undefined) {
    res.end();
    return;
  }
  if (!response.headers.has('content-length')) res.flushHeaders?.();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || gone) break;
      if (!res.write(value) && !gone) await drained(res);
    }
    if (!gone) res.end();
  } catch (error) {
    // The body errored (a generator threw, stream.error()): the app reported it.
    // Tear down so the client sees an abnormal end, never a clean one.
    reader.cancel(error).catch(() => {});
    tearDown(res);
  }
}

function nodeHeaders(headers: Headers, http2: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    if (http2 && HOP_BY_HOP_HEADERS.has(name)) return; // forbidden in HTTP/2 (RFC 9113 §8.2.2)
    out[name] = value;
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

function drained(res: NodeResponse): Promise<void> {
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

function tearDown(res: NodeResponse): void {
  if (res instanceof Http2ServerResponse) {
    if (!res.stream.destroyed) res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
  } else if (res.socket !== null && !res.socket.destroyed) {
    // Flush what was written (Node corks a response's writes until the next tick), then close
    // without the last chunk: the client sees an incomplete chunked body.
    res.socket.destroySoon();
  } else {
    res.destroy();
  }
}

/** Answers 500 when the app's response could not be sent (e.g. an invalid header). */
export function sendPlain500(nodeResponse: NodeResponse, error: unknown): void {
  const res = nodeResponse as NodeResponse & WritableNodeResponse;
  if (res.headersSent) {
    tearDown(res);
    return;
  }
  const text = `Internal Server Error: ${error instanceof Error ? error.message : String(error)}\n`;
  res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.write(new TextEncoder().encode(text));
  res.end();
}
