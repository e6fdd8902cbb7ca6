/**
 * An HTTP/1.1 server on raw sockets (`node:net`, one request per connection,
 * `Connection: close`) whose chunked coding uses what RFC 9112 §7.1 allows
 * beyond the minimal form: chunk sizes in upper-case hex with leading zeros
 * and a chunk extension on every chunk (`000A;n=1`), and optionally a
 * trailer section after the last chunk (RFC 9112 §7.1.2).
 */
import { createServer, type Socket } from 'node:net';
import type { ListeningServer } from '../../../conformance/adapter/contract.ts';
import { listen } from '../../../reference/node/listen.ts';
import type { FetchApp } from './node-bridge.ts';

export interface ChunkedStyle {
  /** Size lines like `000A;n=1` instead of `a`. */
  extensions?: boolean;
  /** Field lines sent in the trailer section after the last chunk. */
  trailer?: string[];
}

/** Serves `app` on 127.0.0.1 (ephemeral port); `close()` destroys open connections. */
export function listenRawChunked(app: FetchApp, style: ChunkedStyle): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = Buffer.alloc(0);
    const onData = (data: Buffer): void => {
      head = Buffer.concat([head, data]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      void answer(app, socket, head.subarray(0, end).toString('latin1'), style).catch(() => socket.destroy());
    };
    socket.on('data', onData);
  });
  return listen(server, 0, '127.0.0.1', () => sockets.forEach((socket) => socket.destroy()), undefined);
}

async function answer(app: FetchApp, socket: Socket, head: string, style: ChunkedStyle): Promise<void> {
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
  const request = new Request(`http://${headers.get('host') ?? '127.0.0.1'}${target}`, { method, headers, signal: controller.signal });
  socket.once('close', () => {
    void request; // kept alive while the connection is: its signal follows ours only while it exists
    if (finished) return;
    controller.abort(new DOMException('the client went away', 'AbortError'));
    reader?.cancel().catch(() => {});
  });
  const response = await app.handler(request);
  const lines = [`HTTP/1.1 ${response.status} ${response.statusText || 'OK'}`];
  response.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
  if (response.body === null) {
    lines.push('Connection: close');
    finished = true;
    socket.end(`${lines.join('\r\n')}\r\n\r\n`);
    return;
  }
  lines.push('Transfer-Encoding: chunked', 'Connection: close');
  const write = async (bytes: Uint8Array | string): Promise<void> => {
    if (socket.destroyed) return;
    if (!socket.write(bytes)) await new Promise<void>((resolve) => {
      const done = (): void => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
    });
  };
  await write(`${lines.join('\r\n')}\r\n\r\n`);
  reader = response.body.getReader();
  let index = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.byteLength === 0) continue;
      index++;
      const size = value.byteLength.toString(16).toUpperCase();
      const sizeLine = style.extensions ? `${size.padStart(4, '0')};n=${index}` : size;
      await write(Buffer.concat([Buffer.from(`${sizeLine}\r\n`, 'latin1'), value, Buffer.from('\r\n', 'latin1')]));
    }
  } catch {
    // The body failed: close the connection without the last chunk (what was written goes first).
    socket.destroySoon();
    return;
  }
  finished = true;
  const trailer = (style.trailer ?? []).map((line) => `${line}\r\n`).join('');
  socket.end(`0\r\n${trailer}\r\n`);
}
