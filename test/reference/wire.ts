/** Raw-socket helpers for the bridge tests: bytes exactly as they cross. */
import { connect, type Socket } from 'node:net';

/** A raw HTTP/1.1 client connection and everything it received so far. */
export interface RawConnection {
  socket: Socket;
  /** Everything received, as latin1 text (bytes 1:1). */
  received(): string;
  /** Resolves when the received text satisfies `predicate`. */
  waitFor(predicate: (text: string) => boolean): Promise<string>;
  /** Resolves with everything received when the server closes the connection. */
  ended: Promise<string>;
}

/** Opens a connection to `url` and sends `GET path` with `Connection: close`. */
export async function rawGet(url: string, path: string, extraHeaders = ''): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  const waiters: { predicate: (text: string) => boolean; resolve: (text: string) => void }[] = [];
  socket.on('data', (data: Buffer) => {
    text += data.toString('latin1');
    for (const waiter of [...waiters]) {
      if (waiter.predicate(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(text);
      }
    }
  });
  const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  socket.on('error', () => {});
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n${extraHeaders}\r\n`);
  return {
    socket,
    received: () => text,
    waitFor: (predicate) => (predicate(text) ? Promise.resolve(text) : new Promise((resolve) => waiters.push({ predicate, resolve }))),
    ended,
  };
}

/** Splits a raw response into its head and its body (still chunk-framed). */
export function splitResponse(raw: string): { head: string; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  return { head: raw.slice(0, at), body: raw.slice(at + 4) };
}

/** Decodes a chunked body; `complete` tells whether the last chunk `0\r\n\r\n` arrived. */
export function parseChunked(body: string): { chunks: string[]; complete: boolean } {
  const chunks: string[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) return { chunks, complete: false };
    const size = Number.parseInt(body.slice(at, lineEnd), 16);
    if (size === 0) return { chunks, complete: body.slice(lineEnd, lineEnd + 4) === '\r\n\r\n' };
    if (body.length < lineEnd + 2 + size + 2) return { chunks, complete: false };
    chunks.push(body.slice(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
