/**
 * A real EventSource client over a socket: the `eventsource` package (a
 * WHATWG-conformant EventSource nobody here wrote, spec §2a), with a
 * recorder around it — every event dispatched to the listened types, every
 * `error` event with the `readyState` it left, and every response the client
 * got (status and the bytes it read, tapped off its own `fetch`).
 * See WHATWG HTML §9.2 (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 *
 * Owner: the real-clients engineer (WIRE-013..016, BROWSER-*). Used by
 * `conformance/properties/wire/eventsource.ts`.
 */
import { EventSource, type FetchLike, type FetchLikeResponse } from 'eventsource';
import { concatBytes } from '../bytes/bytes.ts';
import { loopClockMs } from './scripted-server.ts';
import { within } from './exchange.ts';

/** One event as a listener received it. */
export interface DispatchRecord {
  /** The type the listener was registered for. */
  listener: string;
  type: string;
  data: string;
  lastEventId: string;
}

/** One `error` event (end of a stream, a failed connection). */
export interface ErrorRecord {
  /** The HTTP status the `eventsource` package attaches (its extension), if any. */
  code?: number;
  message?: string;
  /** `readyState` right after the event: 0 CONNECTING (it will reconnect), 2 CLOSED (it will not). */
  readyState: number;
  /** When it fired, on the loop clock. */
  atMs: number;
}

/** One response the client received. */
export interface ResponseRecord {
  status: number;
  contentType: string | null;
  /** The body chunks the client read so far. */
  chunks: Uint8Array[];
}

export interface EventSourceSession {
  readonly dispatches: readonly DispatchRecord[];
  readonly errors: readonly ErrorRecord[];
  readonly responses: readonly ResponseRecord[];
  /** Resolves when `count` error events have fired; rejects after `ms`. */
  error(count: number, ms: number, what: string): Promise<ErrorRecord>;
  /** The bytes of response `index` (0-based) the client read. */
  bytesOf(index: number): Uint8Array;
  readonly readyState: number;
  close(): void;
}

/** The EventSource `readyState` values (WHATWG HTML §9.2.2). */
export const READY_STATE = { CONNECTING: 0, OPEN: 1, CLOSED: 2 } as const;

/**
 * Opens an EventSource on `url` listening to `types` (add `message` to see
 * untyped events). Close it when done; `signal` closes it too.
 */
export function openEventSource(url: string, types: readonly string[], signal?: AbortSignal): EventSourceSession {
  const dispatches: DispatchRecord[] = [];
  const errors: ErrorRecord[] = [];
  const responses: ResponseRecord[] = [];
  let waiters: Array<() => void> = [];

  const tappingFetch: FetchLike = async (input, init) => {
    const response = await fetch(input, init as RequestInit);
    const record: ResponseRecord = { status: response.status, contentType: response.headers.get('content-type'), chunks: [] };
    responses.push(record);
    if (response.body === null) return response as FetchLikeResponse;
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        record.chunks.push(chunk);
        controller.enqueue(chunk);
      },
    });
    return {
      body: response.body.pipeThrough(tap),
      url: response.url,
      status: response.status,
      redirected: response.redirected,
      headers: response.headers,
    };
  };

  const source = new EventSource(url, { fetch: tappingFetch });
  for (const type of new Set(types)) {
    source.addEventListener(type, (event: Event) => {
      // A stream may name its events `error` or `open`: those are MessageEvents, the EventSource's own are not.
      if (!(event instanceof MessageEvent)) return;
      dispatches.push({ listener: type, type: event.type, data: String(event.data), lastEventId: event.lastEventId });
    });
  }
  source.addEventListener('error', (event: Event) => {
    if (event instanceof MessageEvent) return;
    const detail = event as Event & { code?: number; message?: string };
    errors.push({
      ...(detail.code === undefined ? {} : { code: detail.code }),
      ...(detail.message === undefined ? {} : { message: detail.message }),
      readyState: source.readyState,
      atMs: loopClockMs(),
    });
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  });
  const onAbort = () => source.close();
  signal?.addEventListener('abort', onAbort, { once: true });

  const errorArrival = async (count: number): Promise<ErrorRecord> => {
    while (errors.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return errors[count - 1]!;
  };

  return {
    dispatches,
    errors,
    responses,
    error: (count, ms, what) => within(errorArrival(count), ms, what),
    bytesOf: (index) => concatBytes(responses[index]?.chunks ?? []),
    get readyState() {
      return source.readyState;
    },
    close() {
      signal?.removeEventListener('abort', onAbort);
      source.close();
    },
  };
}
