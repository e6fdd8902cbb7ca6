/**
 * An HTTP/2 cleartext (h2c, prior knowledge) client on `node:http2`: one
 * request per session, the response's header fields as sent, every DATA
 * arrival with its time, and how the stream ended — END_STREAM (a clean
 * end) or RST_STREAM with its error code (RFC 9113 §6.4, §8.1).
 *
 * Limitation: `node:http2` reports a stream reset with NO_ERROR before
 * END_STREAM the same way as a clean end; every other reset is told apart.
 */
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
import type { TranscriptChunk } from '../../reports/conformance/model.ts';
import { WireWaitError } from './errors.ts';
import type { HeaderField } from './http1-parse.ts';
import { arrivedBytes, toTranscript, type Arrival } from './transcript.ts';
import { ConnectionWatch } from './watch.ts';

/** A request to send. */
export interface H2Request {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Connecting may take this long (ms); default 2000. */
  connectTimeoutMs?: number;
}

/**
 * How the stream ended:
 * - `end-stream`: END_STREAM arrived (a clean end);
 * - `reset`: RST_STREAM (see `rstCode`), or the stream failed with an error;
 * - `session-closed`: the connection went away (GOAWAY or TCP close) first;
 * - `open-at-deadline`: still open when the client stopped waiting.
 */
export type H2StreamEnd = 'end-stream' | 'reset' | 'session-closed' | 'open-at-deadline';

/** What the client saw on the stream so far. */
export interface H2StreamState {
  /** `:status`, once the response headers arrived. */
  status: number | undefined;
  /** Response header fields (pseudo-headers excluded), as sent. */
  fields: HeaderField[];
  arrivals: Arrival[];
  /** The DATA payload so far. */
  payload: Uint8Array;
  /** Set when the stream ended. */
  end: Exclude<H2StreamEnd, 'open-at-deadline'> | undefined;
  /** RST_STREAM error code (RFC 9113 §7), when reset. */
  rstCode: number | undefined;
  /** The stream or session error, if any (e.g. `ERR_HTTP2_STREAM_ERROR`). */
  error: string | undefined;
}

/** What a finished (or given up) exchange tells. */
export interface H2Result extends Omit<H2StreamState, 'end'> {
  end: H2StreamEnd;
}

const ERROR_NAMES = new Map<number, string>(
  Object.entries(constants)
    .filter(([name]) => name.startsWith('NGHTTP2_') && !name.startsWith('NGHTTP2_ERR') && /_(NO_ERROR|PROTOCOL_ERROR|INTERNAL_ERROR|FLOW_CONTROL_ERROR|SETTINGS_TIMEOUT|STREAM_CLOSED|FRAME_SIZE_ERROR|REFUSED_STREAM|CANCEL|COMPRESSION_ERROR|CONNECT_ERROR|ENHANCE_YOUR_CALM|INADEQUATE_SECURITY|HTTP_1_1_REQUIRED)$/.test(name))
    .map(([name, value]) => [value as number, name.slice('NGHTTP2_'.length)]),
);

/** PROTOCOL_ERROR (RFC 9113 §7): how a client rejects a malformed response. */
export const H2_PROTOCOL_ERROR: number = constants.NGHTTP2_PROTOCOL_ERROR;

/** `INTERNAL_ERROR (2)` for an HTTP/2 error code. */
export function h2ErrorName(code: number): string {
  return `${ERROR_NAMES.get(code) ?? 'UNKNOWN'} (${code})`;
}

/** One request on its own h2c session. */
export class H2Exchange {
  readonly #session: ClientHttp2Session;
  readonly #stream: ClientHttp2Stream;
  readonly #startedAt: number;
  readonly #state: H2StreamState = {
    status: undefined,
    fields: [],
    arrivals: [],
    payload: new Uint8Array(0),
    end: undefined,
    rstCode: undefined,
    error: undefined,
  };
  readonly #watch: ConnectionWatch<H2StreamState>;
  #payloadStale = false;
  #endStreamSeen = false;

  /** @internal Use {@link h2Request}. */
  constructor(session: ClientHttp2Session, stream: ClientHttp2Stream, startedAt: number) {
    this.#session = session;
    this.#stream = stream;
    this.#startedAt = startedAt;
    this.#watch = new ConnectionWatch(() => this.state);
    stream.on('response', (headers, _flags, rawHeaders: string[]) => {
      this.#state.status = Number(headers[':status']);
      for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
        if (!rawHeaders[i]!.startsWith(':')) this.#state.fields.push({ name: rawHeaders[i]!, value: rawHeaders[i + 1]! });
      }
      this.#watch.changed();
    });
    stream.on('data', (data: Buffer) => {
      this.#state.arrivals.push({ atMs: this.elapsedMs(), bytes: new Uint8Array(data) });
      this.#payloadStale = true;
      this.#watch.changed();
    });
    stream.on('end', () => {
      this.#endStreamSeen = true;
    });
    stream.on('error', (error: Error & { code?: string }) => {
      this.#state.error ??= `${error.code ?? error.name}: ${error.message}`;
    });
    stream.once('close', () => {
      const code = stream.rstCode;
      if (code !== undefined && code !== constants.NGHTTP2_NO_ERROR) {
        this.#state.end = 'reset';
        this.#state.rstCode = code;
      } else if (this.#endStreamSeen) {
        this.#state.end = 'end-stream';
      } else if (this.#state.error !== undefined) {
        this.#state.end = 'reset';
      } else {
        this.#state.end = 'session-closed';
      }
      this.#watch.close();
    });
    session.on('error', (error: Error & { code?: string }) => {
      this.#state.error ??= `session ${error.code ?? error.name}: ${error.message}`;
    });
  }

  /** The stream as seen so far. */
  get state(): H2StreamState {
    if (this.#payloadStale) {
      this.#state.payload = arrivedBytes(this.#state.arrivals);
      this.#payloadStale = false;
    }
    return this.#state;
  }

  /** Milliseconds since the request was sent. */
  elapsedMs(): number {
    return performance.now() - this.#startedAt;
  }

  /** Resolves once `predicate` holds; rejects with a `WireWaitError` otherwise. */
  waitFor(predicate: (state: H2StreamState) => boolean, timeoutMs: number, what: string, signal?: AbortSignal): Promise<H2StreamState> {
    return this.#watch.waitFor(predicate, timeoutMs, what, signal);
  }

  /** Waits until the stream ends or `timeoutMs` pass. Never rejects. */
  async finish(timeoutMs: number, signal?: AbortSignal): Promise<H2Result> {
    await this.#watch.settle((state) => state.end !== undefined, timeoutMs, signal);
    const state = this.state;
    return { ...state, fields: [...state.fields], arrivals: [...state.arrivals], end: state.end ?? 'open-at-deadline' };
  }

  /** The DATA arrivals as report transcript entries. */
  transcript(): TranscriptChunk[] {
    return toTranscript(this.#state.arrivals);
  }

  /** Closes the session at once (as a client that goes away does). */
  destroy(): void {
    this.#session.destroy();
  }
}

/**
 * Opens an h2c session to `baseUrl` and sends one request. Rejects with a
 * `WireWaitError` (`WIRE_CONNECT_FAILED`) when the session cannot be made.
 */
export async function h2Request(baseUrl: string, request: H2Request): Promise<H2Exchange> {
  const session = connect(baseUrl);
  session.on('error', () => {}); // recorded per stream; a failed connect rejects below
  const onAbort = (): void => void session.destroy();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  session.once('close', () => request.signal?.removeEventListener('abort', onAbort));
  const connectTimeoutMs = request.connectTimeoutMs ?? 2000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      session.destroy();
      reject(new WireWaitError('WIRE_CONNECT_FAILED', `could not open an h2c session to ${baseUrl} within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    session.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    session.once('close', () => {
      clearTimeout(timer);
      reject(new WireWaitError('WIRE_CONNECT_FAILED', `could not open an h2c session to ${baseUrl}: the session closed`));
    });
  });
  const startedAt = performance.now();
  const stream = session.request(
    { ':method': request.method ?? 'GET', ':path': request.path, ...request.headers },
    { endStream: (request.method ?? 'GET') === 'GET' },
  );
  return new H2Exchange(session, stream, startedAt);
}
