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
 *
 * The reference's own bodies skip the web stream: see `response-sink.ts`
 * (generators) and `manual-sink.ts` (manual streams).
 */
import { Http2ServerResponse } from 'node:http2';
import { HOP_BY_HOP_HEADERS } from '../headers.ts';
import { claimManualStream } from '../manual-stream.ts';
import { claimPullSource } from '../pull-stream.ts';
import { drained, tearDown, type BridgeResponse } from './batching-writer.ts';
import { ManualSink } from './manual-sink.ts';
import { ResponseSink } from './response-sink.ts';
import type { NodeResponse } from './to-web-request.ts';

/**
 * Sends `response` on `res`. Never rejects. Only what the body needs stays
 * referenced while it streams (not the `Response`, nor the request): an idle
 * open stream costs little.
 */
export function writeResponse(nodeResponse: NodeResponse, response: Response): Promise<void> {
  const res = nodeResponse as BridgeResponse;
  const http2 = res instanceof Http2ServerResponse;
  const body = response.body;
  // The reference's own bodies go straight to the socket: a generator's is pulled directly
  // (pull-stream.ts), a manual stream writes directly (manual-stream.ts); any other body is read.
  const source = body === null ? undefined : claimPullSource(body);
  const manual = body === null || source !== undefined ? undefined : claimManualStream(body);
  const reader = source === undefined && manual === undefined ? body?.getReader() : undefined;
  const sink = source !== undefined ? new ResponseSink(res, source.framedText) : undefined;
  const manualSink = manual !== undefined ? new ManualSink(res) : undefined;
  const consumer: Consumer = sink ?? manualSink ?? { gone: false };
  const stop = (reason?: unknown): void => {
    if (source !== undefined) void source.cancel();
    else if (manual !== undefined) manual.cancel(reason);
    else reader?.cancel(reason).catch(() => {});
  };
  res.on('close', () => {
    consumer.gone = true;
    if (!res.writableEnded) stop();
  });
  try {
    res.writeHead(response.status, nodeHeaders(response.headers, http2));
  } catch (error) {
    stop(error);
    sendPlain500(res, error);
    return Promise.resolve();
  }
  if (body === null) {
    res.end();
    return Promise.resolve();
  }
  if (!response.headers.has('content-length')) res.flushHeaders?.();
  if (source !== undefined && sink !== undefined) return source.pipeTo(sink);
  if (manual !== undefined && manualSink !== undefined) {
    manual.attach(manualSink); // after the head: what was written before the claim goes first
    return Promise.resolve();
  }
  return pipeToEnd(res, consumer, pipeReader(reader!, res, consumer));
}

/** Ends `res` after `piped`: cleanly when it fulfilled, torn down when the body errored. */
async function pipeToEnd(res: BridgeResponse, consumer: Consumer, piped: Promise<void>): Promise<void> {
  try {
    await piped;
    if (!consumer.gone) res.end();
  } catch {
    // The body errored (a generator threw, stream.error()): the app reported it.
    // Tear down so the client sees an abnormal end, never a clean one.
    tearDown(res);
  }
}

/** Whether the client is still there; set when the response closes. */
interface Consumer {
  gone: boolean;
}

/** Reads any other web body, writes each chunk as it comes, honouring `drain`. */
async function pipeReader(reader: ReadableStreamDefaultReader<Uint8Array>, res: BridgeResponse, consumer: Consumer): Promise<void> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done || consumer.gone) break;
    if (!res.write(value) && !consumer.gone) await drained(res);
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

/** Answers 500 when the app's response could not be sent (e.g. an invalid header). */
export function sendPlain500(nodeResponse: NodeResponse, error: unknown): void {
  const res = nodeResponse as BridgeResponse;
  if (res.headersSent) {
    tearDown(res);
    return;
  }
  const text = `Internal Server Error: ${error instanceof Error ? error.message : String(error)}\n`;
  res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.write(new TextEncoder().encode(text));
  res.end();
}
