/**
 * A raw HTTP/1.1 client on `node:net`: sends one request and keeps every
 * byte that comes back with its packet boundaries and arrival time, so a
 * check can judge the chunked framing itself (RFC 9112 §7.1) and how the
 * body ended — with the last chunk, by the connection closing without it,
 * or not at all before the deadline.
 */
import { connect, type Socket } from 'node:net';
import type { TranscriptChunk } from '../../reports/conformance/model.ts';
import { WireWaitError } from './errors.ts';
import { parseHttp1Response, type ParsedHttp1Response } from './http1-parse.ts';
import { arrivedBytes, toTranscript, type Arrival } from './transcript.ts';
import { ConnectionWatch } from './watch.ts';

/** A request to send. Header names and values are sent exactly as given. */
export interface RawHttp1Request {
  method?: 'GET' | 'POST';
  /** Request target, e.g. `/__streamconform/check?run=3`. */
  path: string;
  /** Extra field lines after `Host` (none added: HTTP/1.1 defaults to keep-alive). */
  headers?: ReadonlyArray<readonly [string, string]>;
  /** Sent with a `Content-Length`. */
  body?: string;
  /** Aborting it destroys the socket. */
  signal?: AbortSignal;
  /** Connecting may take this long (ms); default 2000. */
  connectTimeoutMs?: number;
}

/**
 * How the body ended when the client stopped looking:
 * - `complete`: complete by its own framing (for chunked: the last chunk and
 *   the empty line after the trailers arrived);
 * - `closed`: the server closed the connection first;
 * - `malformed`: a framing error (see `response.error`);
 * - `open-at-deadline`: none of these within the time allowed.
 */
export type Http1BodyEnd = 'complete' | 'closed' | 'malformed' | 'open-at-deadline';

/** Everything a finished (or given up) exchange tells. */
export interface RawHttp1Result {
  response: ParsedHttp1Response;
  end: Http1BodyEnd;
  /** Every packet, in order. */
  arrivals: Arrival[];
  /** When the connection closed (ms since the request was written), if it did. */
  closedAtMs: number | undefined;
}

/** One request on its own connection. */
export class RawHttp1Exchange {
  readonly arrivals: Arrival[] = [];
  readonly #socket: Socket;
  readonly #startedAt: number;
  readonly #watch: ConnectionWatch<ParsedHttp1Response>;
  #parsed: ParsedHttp1Response | undefined;
  #closedAtMs: number | undefined;
  #stopWhen: ((response: ParsedHttp1Response) => boolean) | undefined;

  /** @internal Use {@link rawHttp1Request}. */
  constructor(socket: Socket, startedAt: number) {
    this.#socket = socket;
    this.#startedAt = startedAt;
    this.#watch = new ConnectionWatch(() => this.response);
    socket.on('data', (data: Buffer) => {
      this.arrivals.push({ atMs: this.elapsedMs(), bytes: new Uint8Array(data) });
      this.#parsed = undefined;
      if (this.#stopWhen?.(this.response)) {
        this.#stopWhen = undefined;
        socket.pause();
      }
      this.#watch.changed();
    });
    socket.once('close', () => {
      this.#closedAtMs = this.elapsedMs();
      this.#watch.close();
    });
  }

  /** The response as parsed from everything received so far. */
  get response(): ParsedHttp1Response {
    return (this.#parsed ??= parseHttp1Response(arrivedBytes(this.arrivals)));
  }

  /** True once the connection closed (either side). */
  get closed(): boolean {
    return this.#watch.closed;
  }

  /** Milliseconds since the request was written. */
  elapsedMs(): number {
    return performance.now() - this.#startedAt;
  }

  /**
   * Resolves with the parsed response once `predicate` holds; rejects with a
   * `WireWaitError` otherwise: `WIRE_MALFORMED` (the framing broke first),
   * `WIRE_TIMEOUT`, `WIRE_CLOSED`, `WIRE_ABORTED`.
   */
  async waitFor(predicate: (response: ParsedHttp1Response) => boolean, timeoutMs: number, what: string, signal?: AbortSignal): Promise<ParsedHttp1Response> {
    const response = await this.#watch.waitFor((parsed) => parsed.error !== undefined || predicate(parsed), timeoutMs, what, signal);
    if (response.error) throw new WireWaitError('WIRE_MALFORMED', `${what}: the framing broke first: ${response.error.message}`);
    return response;
  }

  /** Waits until the body is complete, the connection closes, the framing breaks, or `timeoutMs` pass. Never rejects. */
  async finish(timeoutMs: number, signal?: AbortSignal): Promise<RawHttp1Result> {
    const outcome = await this.#watch.settle((response) => response.complete || response.error !== undefined, timeoutMs, signal);
    const response = this.response;
    let end: Http1BodyEnd;
    if (response.error) end = 'malformed';
    else if (response.complete) end = 'complete';
    else if (outcome === 'closed') end = 'closed';
    else end = 'open-at-deadline';
    return { response, end, arrivals: [...this.arrivals], closedAtMs: this.#closedAtMs };
  }

  /** Waits up to `timeoutMs` for the server to close the connection; true if it did. */
  async waitForClose(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return (await this.#watch.settle(() => false, timeoutMs, signal)) === 'closed';
  }

  /** The arrivals as report transcript entries. */
  transcript(): TranscriptChunk[] {
    return toTranscript(this.arrivals);
  }

  /**
   * Waits until the body is complete, the connection closes, or `timeoutMs`
   * pass, like {@link finish}, but parses only when the bytes so far end like
   * a last chunk (`0\r\n\r\n`): for bodies of megabytes, which `finish`
   * would parse again at every packet. Never rejects.
   */
  async finishLarge(timeoutMs: number, signal?: AbortSignal): Promise<RawHttp1Result> {
    const deadline = this.elapsedMs() + timeoutMs;
    while (!this.closed && signal?.aborted !== true && this.elapsedMs() < deadline) {
      if (endsLikeLastChunk(this.arrivals) && this.response.complete) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.finish(0, signal);
  }

  /** Stops reading for `ms` (the socket's buffers fill up, the server's writes meet back-pressure), then reads on. */
  async pauseReading(ms: number): Promise<void> {
    this.#socket.pause();
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.#socket.resume();
  }

  /**
   * Stops reading for good as soon as `predicate` holds for what arrived
   * (judged in the turn the packet arrives, so no later packet is taken):
   * the socket's buffers fill up and the server's writes meet back-pressure.
   */
  stopReadingWhen(predicate: (response: ParsedHttp1Response) => boolean): void {
    if (predicate(this.response)) this.#socket.pause();
    else this.#stopWhen = predicate;
  }

  /** Destroys the socket at once (as a client that goes away does). */
  destroy(): void {
    this.#socket.destroy();
  }
}

const LAST_CHUNK = [0x30, 0x0d, 0x0a, 0x0d, 0x0a];

/** Whether the bytes arrived so far end with `0\r\n\r\n` (looking at the last packets only). */
function endsLikeLastChunk(arrivals: readonly Arrival[]): boolean {
  let needed = LAST_CHUNK.length;
  for (let a = arrivals.length - 1; a >= 0 && needed > 0; a--) {
    const bytes = arrivals[a]!.bytes;
    for (let i = bytes.byteLength - 1; i >= 0 && needed > 0; i--) {
      if (bytes[i] !== LAST_CHUNK[needed - 1]) return false;
      needed--;
    }
  }
  return needed === 0;
}

/**
 * Connects to `baseUrl` (an `http://127.0.0.1:port` URL) and writes one
 * request. Rejects with a `WireWaitError` (`WIRE_CONNECT_FAILED`) when the
 * connection cannot be made.
 */
export async function rawHttp1Request(baseUrl: string, request: RawHttp1Request): Promise<RawHttp1Exchange> {
  const url = new URL(baseUrl);
  const port = Number(url.port || 80);
  const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port, noDelay: true });
  const onAbort = (): void => void socket.destroy();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  socket.once('close', () => request.signal?.removeEventListener('abort', onAbort));
  socket.on('error', () => {}); // a reset is seen as 'close'; the exchange judges what arrived
  const connectTimeoutMs = request.connectTimeoutMs ?? 2000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new WireWaitError('WIRE_CONNECT_FAILED', `could not connect to ${baseUrl} within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      reject(new WireWaitError('WIRE_CONNECT_FAILED', `could not connect to ${baseUrl}: the connection closed`));
    });
  });
  const lines = [`${request.method ?? 'GET'} ${request.path} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of request.headers ?? []) lines.push(`${name}: ${value}`);
  let body = Buffer.alloc(0);
  if (request.body !== undefined) {
    body = Buffer.from(request.body, 'utf8');
    lines.push(`Content-Length: ${body.byteLength}`);
  }
  const startedAt = performance.now();
  const exchange = new RawHttp1Exchange(socket, startedAt);
  socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
  return exchange;
}
