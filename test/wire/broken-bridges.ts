/**
 * Deliberately broken servers in front of the reference app, for the wire
 * checks' broken adapters (`test/broken/adapters/wire-*.ts`):
 *
 * - {@link rawHttp1Bridge}: an HTTP/1.1 server written on `node:net` (one
 *   request per connection, `Connection: close`), so every byte of framing
 *   is ours to get wrong (buffering, Content-Length,
 *   missing or unconditional last chunk, double framing, doubled hop-by-hop
 *   fields, no abort on close, gzip);
 * - {@link http2Bridge}: the `node:http2` compatibility API, buffering or
 *   ending cleanly after an error;
 * - {@link h2HeaderInjectingProxy}: Node's HTTP/2 server refuses to send
 *   connection-specific fields, so a TCP proxy adds `connection: keep-alive`
 *   to every HEADERS frame on the wire (an HPACK literal without indexing,
 *   which leaves the compression state alone) — what a bridge that forwards
 *   such fields would send.
 *
 * With no faults, each behaves correctly (so a broken adapter fails only
 * what its fault breaks).
 */
import { connect as connectTcp, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { constants, createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import { createGzip } from 'node:zlib';
import type { ListeningServer } from '../../conformance/adapter/contract.ts';
import { listen } from '../../reference/node/listen.ts';

/** What the bridges serve: anything with a fetch-style handler. */
export interface FetchApp {
  handler(request: Request): Response | Promise<Response>;
}

/** Faults of {@link rawHttp1Bridge}. */
export interface Http1Faults {
  /** Collect the whole body, then send it as one chunk. */
  buffer?: boolean;
  /**
   * When the body is already complete after one turn of the event loop (a
   * stream written and closed before the handler returned), send it with
   * `Content-Length` instead of chunked coding — a bridge that "optimizes"
   * short bodies.
   */
  contentLengthWhenComplete?: boolean;
  /** On a clean end, close the connection instead of sending the last chunk. */
  noLastChunk?: boolean;
  /** When the body errors, send the last chunk anyway (a clean-looking end). */
  lastChunkOnError?: boolean;
  /** Frame every chunk in chunked coding, then frame it again. */
  doubleFrame?: boolean;
  /** Forward the response's own `Connection`/`Transfer-Encoding` fields and add the server's too. */
  forwardHopByHop?: boolean;
  /** Never abort the request's signal nor cancel the body when the client goes away. */
  ignoreClose?: boolean;
  /** gzip `text/event-stream` bodies when the request accepts gzip. */
  gzipEventStreams?: boolean;
  /**
   * After a write the socket could not take at once (`write()` returned
   * false), drop the next chunk instead of queueing it — the bug the
   * reference's own bridge had with text then bytes (session 2).
   */
  dropAfterFullWrite?: boolean;
  /**
   * Frame an empty body chunk like any other: `0\r\n\r\n`, the last chunk,
   * in the middle of the body (without it, empty chunks are skipped).
   */
  frameEmptyChunks?: boolean;
}

/** How {@link rawHttp1Bridge} writes, besides its faults (none of these is one). */
export interface Http1Options {
  /** Turn Nagle's algorithm off on each connection (each chunk's one write leaves at once). */
  noDelay?: boolean;
}

/** Listens on 127.0.0.1 (ephemeral port); `close()` destroys open connections. */
function listenTcp(server: TcpServer, sockets: Set<Socket>): Promise<ListeningServer> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return listen(server, 0, '127.0.0.1', () => sockets.forEach((socket) => socket.destroy()), undefined);
}

/**
 * An HTTP/1.1 server on raw sockets with the given faults. One request per
 * connection; one socket write per body chunk (its chunk framing included),
 * never batched; the next chunk is read once the socket took the last one
 * (`drain`).
 */
export function rawHttp1Bridge(app: FetchApp, faults: Http1Faults = {}, options: Http1Options = {}): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    socket.on('error', () => {});
    if (options.noDelay) socket.setNoDelay(true);
    let head = Buffer.alloc(0);
    const onData = (data: Buffer): void => {
      head = Buffer.concat([head, data]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      void answer(app, socket, head.subarray(0, end).toString('latin1'), faults);
    };
    socket.on('data', onData);
  });
  return listenTcp(server, sockets);
}

async function answer(app: FetchApp, socket: Socket, head: string, faults: Http1Faults): Promise<void> {
  const [requestLine = '', ...fieldLines] = head.split('\r\n');
  const [method = 'GET', target = '/'] = requestLine.split(' ');
  const headers = new Headers();
  for (const line of fieldLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const controller = new AbortController();
  let finished = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  if (!faults.ignoreClose) {
    socket.once('close', () => {
      if (finished) return;
      controller.abort(new DOMException('the client went away', 'AbortError'));
      reader?.cancel().catch(() => {});
    });
  }
  const request = new Request(`http://${headers.get('host') ?? '127.0.0.1'}${target}`, { method, headers, signal: controller.signal });
  const response = await app.handler(request);
  const gzip = faults.gzipEventStreams === true && /gzip/.test(headers.get('accept-encoding') ?? '') && (response.headers.get('content-type') ?? '').startsWith('text/event-stream');

  const lines = [`HTTP/1.1 ${response.status} ${response.statusText || 'OK'}`];
  response.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
  if (gzip) lines.push('Content-Encoding: gzip');
  lines.push(`Date: ${new Date().toUTCString()}`);
  let full = false;
  const write = (bytes: Uint8Array | string): void => {
    if (!socket.destroyed) full = !socket.write(bytes);
  };
  const frame = (data: Uint8Array): Buffer => Buffer.concat([Buffer.from(`${data.byteLength.toString(16)}\r\n`, 'latin1'), data, Buffer.from('\r\n')]);

  reader = response.body?.getReader();
  let pendingRead: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  /** Reads already made, to be consumed before reading on. */
  const queued: Promise<ReadableStreamReadResult<Uint8Array>>[] = [];
  if (faults.contentLengthWhenComplete && reader) {
    const early: Uint8Array[] = [];
    let complete = false;
    try {
      for (;;) {
        pendingRead ??= reader.read();
        const result = await Promise.race([pendingRead, new Promise<'later'>((resolve) => setTimeout(resolve, 0, 'later'))]);
        if (result === 'later') break;
        pendingRead = undefined;
        if (result.done) {
          complete = true;
          break;
        }
        early.push(result.value);
      }
    } catch {
      socket.destroySoon();
      return;
    }
    if (complete) {
      const body = Buffer.concat(early);
      lines.push(`Content-Length: ${body.byteLength}`, 'Connection: close');
      write(`${lines.join('\r\n')}\r\n\r\n`);
      write(body);
      finished = true;
      socket.end();
      return;
    }
    // Not complete: stream it, starting with what was read (and the read still pending).
    for (const value of early) queued.push(Promise.resolve({ done: false, value }));
    if (pendingRead) queued.push(pendingRead);
  }
  if (faults.buffer) {
    const collected: Uint8Array[] = [];
    let failed = false;
    try {
      for (;;) {
        const result = reader ? await reader.read() : undefined;
        if (result === undefined || result.done) break;
        collected.push(result.value);
      }
    } catch {
      failed = true;
    }
    const body = Buffer.concat(collected);
    lines.push('Transfer-Encoding: chunked', 'Connection: close');
    write(`${lines.join('\r\n')}\r\n\r\n`);
    if (body.byteLength > 0) write(frame(body));
    finished = !failed;
    if (failed) socket.destroySoon();
    else socket.end('0\r\n\r\n');
    return;
  }

  if (reader === undefined) {
    // No body (e.g. 204): no framing at all.
    lines.push('Connection: close');
    finished = true;
    socket.end(`${lines.join('\r\n')}\r\n\r\n`);
    return;
  }
  if (faults.forwardHopByHop) lines.push('Transfer-Encoding: chunked', 'Connection: keep-alive');
  // One request per connection, and the client is told so.
  lines.push('Transfer-Encoding: chunked', 'Connection: close');
  write(`${lines.join('\r\n')}\r\n\r\n`);
  const zip = gzip ? createGzip() : undefined;
  zip?.on('data', (data: Buffer) => write(frame(data)));
  const send = (data: Uint8Array): void => {
    if (faults.dropAfterFullWrite && full) {
      full = false;
      return;
    }
    if (zip) zip.write(data);
    else write(faults.doubleFrame ? frame(frame(data)) : frame(data));
  };
  const drained = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.once('drain', done);
      socket.once('close', done);
    });
  try {
    for (;;) {
      const { done, value } = await (queued.shift() ?? reader.read());
      if (done) break;
      if (value.byteLength === 0 && !faults.frameEmptyChunks) continue;
      send(value);
      if (full && !zip && !socket.destroyed) await drained();
    }
    // 'end' (everything compressed was read out), not end()'s callback ('finish'): the last data may come after that.
    if (zip) await new Promise<void>((resolve) => zip.once('end', resolve).end());
    finished = true;
    if (faults.noLastChunk) socket.destroySoon();
    else socket.end(faults.doubleFrame ? frame(Buffer.from('0\r\n\r\n')).toString('latin1') + '0\r\n\r\n' : '0\r\n\r\n');
  } catch {
    if (faults.lastChunkOnError) socket.end('0\r\n\r\n');
    else socket.destroySoon();
  }
}

/** Faults of {@link http2Bridge}. */
export interface Http2Faults {
  /** Collect the whole body before sending it. */
  buffer?: boolean;
  /** When the body errors, end the stream with END_STREAM instead of RST_STREAM. */
  endCleanlyOnError?: boolean;
}

/** An h2c server (`node:http2` compatibility API) with the given faults. */
export function http2Bridge(app: FetchApp, faults: Http2Faults = {}): Promise<ListeningServer> {
  const sessions = new Set<Http2Session>();
  const server = createHttp2Server((req: Http2ServerRequest, res: Http2ServerResponse) => {
    void (async () => {
      const controller = new AbortController();
      let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
      res.once('close', () => {
        if (res.writableEnded) return;
        controller.abort(new DOMException('the client went away', 'AbortError'));
        reader?.cancel().catch(() => {});
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (!name.startsWith(':') && typeof value === 'string') headers.set(name, value);
      const response = await app.handler(new Request(`http://127.0.0.1${req.url}`, { headers, signal: controller.signal }));
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => (out[name] = value));
      res.writeHead(response.status, out);
      reader = response.body?.getReader();
      const collected: Uint8Array[] = [];
      try {
        for (;;) {
          const result = reader ? await reader.read() : undefined;
          if (result === undefined || result.done) break;
          if (faults.buffer) collected.push(result.value);
          else res.write(result.value);
        }
        if (faults.buffer && collected.length > 0) res.write(Buffer.concat(collected));
        res.end();
      } catch {
        if (faults.endCleanlyOnError) res.end();
        else res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      }
    })();
  });
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  return listen(server, 0, '127.0.0.1', () => sessions.forEach((session) => session.destroy()), undefined);
}

const FRAME_HEADERS = 0x1;
const FLAG_PADDED = 0x8;
const FLAG_PRIORITY = 0x20;
const FLAG_END_HEADERS = 0x4;

/** `connection: keep-alive` as an HPACK literal header field without indexing, new name (RFC 7541 §6.2.2). */
const INJECTED_FIELD = Buffer.concat([Buffer.from([0x00, 10]), Buffer.from('connection'), Buffer.from([10]), Buffer.from('keep-alive')]);

/**
 * A TCP proxy in front of an h2c server that adds `connection: keep-alive`
 * to every complete HEADERS frame the server sends.
 */
export async function h2HeaderInjectingProxy(upstream: ListeningServer): Promise<ListeningServer> {
  const { port: upstreamPort } = new URL(upstream.url);
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const origin = connectTcp(Number(upstreamPort), '127.0.0.1');
    sockets.add(origin);
    origin.once('close', () => sockets.delete(origin));
    client.on('error', () => origin.destroy());
    origin.on('error', () => client.destroy());
    client.pipe(origin);
    let pending = Buffer.alloc(0);
    origin.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      while (pending.byteLength >= 9) {
        const length = pending.readUIntBE(0, 3);
        if (pending.byteLength < 9 + length) break;
        const frame = pending.subarray(0, 9 + length);
        pending = pending.subarray(9 + length);
        client.write(rewriteFrame(frame));
      }
    });
    origin.once('close', () => client.destroy());
    client.once('close', () => origin.destroy());
  });
  const proxy = await listenTcp(server, sockets);
  return {
    url: proxy.url,
    close: async () => {
      await proxy.close();
      await upstream.close();
    },
  };
}

function rewriteFrame(frame: Buffer): Buffer {
  const type = frame[3]!;
  const flags = frame[4]!;
  if (type !== FRAME_HEADERS || (flags & FLAG_END_HEADERS) === 0) return frame;
  let payload = frame.subarray(9);
  let prefix: Buffer = Buffer.alloc(0);
  if (flags & FLAG_PADDED) {
    const padding = payload[0]!;
    payload = payload.subarray(1, payload.byteLength - padding);
  }
  if (flags & FLAG_PRIORITY) {
    prefix = payload.subarray(0, 5);
    payload = payload.subarray(5);
  }
  const block = Buffer.concat([prefix, payload, INJECTED_FIELD]);
  const header = Buffer.from(frame.subarray(0, 9));
  header.writeUIntBE(block.byteLength, 0, 3);
  header[4] = flags & ~FLAG_PADDED;
  return Buffer.concat([header, block]);
}
