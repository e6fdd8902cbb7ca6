/**
 * The bench's HTTP/1.1 client: a raw `node:net` socket (the cheapest client,
 * exact byte counts) that sends one `GET` and measures the answer — time to
 * the first body byte, body bytes, and whether the chunked body ended with
 * its last chunk. Traffic stays on 127.0.0.1.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ChunkedBodyCounter } from './chunked-body-counter.ts';

/** The bench's client failed to talk to a server (refused, reset, malformed answer). */
export class BenchClientError extends Error {
  override readonly name = 'BenchClientError';
  readonly code = 'BENCH_CLIENT';
}

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const MAX_HEADER_BYTES = 64 * 1024;

/** Opens a TCP connection to `127.0.0.1:port` (Nagle off), resolved once connected. */
export function openConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    const fail = (error: Error): void => reject(new BenchClientError(`cannot connect to 127.0.0.1:${port}: ${error.message}`));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** Opens `count` connections, at most `parallel` connecting at a time. */
export async function openConnections(port: number, count: number, parallel = 100): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = Math.min(parallel, count - i);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => openConnection(port)))));
  }
  return sockets;
}

/**
 * One request on a socket, measured. Times are `performance.now()` ms.
 * The answer's body must use chunked coding (every bench route streams).
 */
export class ResponseMeter {
  /** When the request was handed to the socket. */
  readonly requestWrittenAt: number;
  /** When the first body byte arrived (`NaN` until then). */
  firstBodyByteAt = Number.NaN;
  /** When the last chunk arrived or the socket closed (`NaN` until then). */
  endedAt = Number.NaN;
  /** The status code (0 until the header block arrived). */
  status = 0;
  /** Lower-cased header fields. */
  readonly headers = new Map<string, string>();
  /** Resolves when the body ended (cleanly or not) or the socket closed; never rejects. */
  readonly done: Promise<ResponseMeter>;
  /** Set when the answer could not be read (not chunked, malformed, socket error). */
  failure: BenchClientError | undefined;

  readonly #socket: Socket;
  readonly #counter = new ChunkedBodyCounter();
  #header: Buffer | undefined = Buffer.alloc(0);
  #resolveDone!: (meter: ResponseMeter) => void;
  #onBody: ((meter: ResponseMeter) => void) | undefined;

  constructor(socket: Socket, path: string, onBody?: (meter: ResponseMeter) => void) {
    this.#socket = socket;
    this.#onBody = onBody;
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
    socket.on('data', (data: Buffer) => this.#onData(data));
    socket.on('error', (error) => this.#fail(`socket error: ${error.message}`));
    socket.on('close', () => this.#finish());
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n`, 'latin1');
    this.requestWrittenAt = performance.now();
  }

  /** Body bytes received so far (chunk data, no framing). */
  get bodyBytes(): number {
    return this.#counter.bodyBytes;
  }

  /** The body ended with its last chunk. */
  get complete(): boolean {
    return this.#counter.complete;
  }

  /** The socket the request went on (pause/resume it to read slowly). */
  get socket(): Socket {
    return this.#socket;
  }

  /** Stops reading: the socket is destroyed (the server sees the client go away). */
  close(): void {
    this.#socket.destroy();
  }

  #onData(data: Buffer): void {
    if (this.failure !== undefined || this.#counter.complete) return;
    let bodyStart = 0;
    if (this.#header !== undefined) {
      const header = Buffer.concat([this.#header, data]);
      const end = header.indexOf(HEADER_END);
      if (end === -1) {
        if (header.byteLength > MAX_HEADER_BYTES) this.#fail('header block longer than 64 KiB');
        else this.#header = header;
        return;
      }
      this.#parseHeader(header.subarray(0, end).toString('latin1'));
      this.#header = undefined;
      if (this.failure !== undefined) return;
      bodyStart = end + HEADER_END.byteLength - (header.byteLength - data.byteLength);
      if (bodyStart >= data.byteLength) return;
    }
    if (Number.isNaN(this.firstBodyByteAt)) this.firstBodyByteAt = performance.now();
    try {
      this.#counter.feed(data, bodyStart);
    } catch (error) {
      this.#fail((error as Error).message);
      return;
    }
    this.#onBody?.(this);
    if (this.#counter.complete) this.#finish();
  }

  #parseHeader(text: string): void {
    const [statusLine = '', ...fields] = text.split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (match === null) {
      this.#fail(`not an HTTP/1.1 status line: ${JSON.stringify(statusLine)}`);
      return;
    }
    this.status = Number(match[1]);
    for (const field of fields) {
      const colon = field.indexOf(':');
      if (colon > 0) this.headers.set(field.slice(0, colon).trim().toLowerCase(), field.slice(colon + 1).trim());
    }
    if (this.headers.get('transfer-encoding')?.toLowerCase() !== 'chunked') {
      this.#fail(`expected a chunked body, got status ${this.status} with transfer-encoding ${JSON.stringify(this.headers.get('transfer-encoding') ?? null)}`);
    }
  }

  #fail(message: string): void {
    this.failure ??= new BenchClientError(message);
    this.#finish();
  }

  #finish(): void {
    if (Number.isNaN(this.endedAt)) this.endedAt = performance.now();
    this.#resolveDone(this);
  }
}

/** Sends `GET path` on `socket` and measures the answer. */
export function request(socket: Socket, path: string, onBody?: (meter: ResponseMeter) => void): ResponseMeter {
  return new ResponseMeter(socket, path, onBody);
}

/**
 * Checks that a measured answer is what the route promised: status 200, a
 * clean end, exactly `expectedBodyBytes` body bytes.
 * @throws {@link BenchClientError} naming what differs.
 */
export function requireCompleteBody(meter: ResponseMeter, path: string, expectedBodyBytes: number): void {
  if (meter.failure !== undefined) throw new BenchClientError(`GET ${path}: ${meter.failure.message}`);
  if (meter.status !== 200) throw new BenchClientError(`GET ${path}: status ${meter.status}, expected 200`);
  if (!meter.complete) throw new BenchClientError(`GET ${path}: the body ended without its last chunk after ${meter.bodyBytes} bytes`);
  if (meter.bodyBytes !== expectedBodyBytes) {
    throw new BenchClientError(`GET ${path}: ${meter.bodyBytes} body bytes, expected ${expectedBodyBytes}`);
  }
}
