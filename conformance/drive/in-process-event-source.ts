/**
 * A real client as the oracle: the `eventsource` package's `EventSource`
 * (WHATWG HTML §9.2.2–§9.2.6, written by people outside this project) reads
 * one event stream in-process, through a given `fetch` (or the global one,
 * which msw intercepts), and is closed as soon as the stream ends so it never
 * reconnects.
 */
import { EventSource, type FetchLike } from 'eventsource';
import type { ExpectedClientEvent } from '../arbitraries/sse-options.ts';
import { within } from './exchange.ts';

export interface EventSourceReading {
  /** Events dispatched to the listened types, in order. */
  events: ExpectedClientEvent[];
  /** `ended`: the stream ended (the client would reconnect); `failed`: the client failed the connection. */
  outcome: 'ended' | 'failed';
  /** The error event's message (why the connection failed). */
  message: string;
}

export interface EventSourceReadOptions {
  /** The fetch to use; default the global one (e.g. intercepted by msw). */
  fetch?: FetchLike;
  /** Event types to listen for (`message` always). */
  types: Iterable<string>;
  timeoutMs: number;
}

/** Opens an `EventSource` on `url`, collects events until the first `error` (the end of the stream), then closes it. */
export async function readWithEventSource(url: string, options: EventSourceReadOptions): Promise<EventSourceReading> {
  const source = options.fetch ? new EventSource(url, { fetch: options.fetch }) : new EventSource(url);
  const events: ExpectedClientEvent[] = [];
  const done = new Promise<EventSourceReading>((resolve) => {
    const onEvent = (event: MessageEvent) => {
      events.push({ type: event.type, data: String(event.data), lastEventId: event.lastEventId });
    };
    for (const type of new Set(['message', ...options.types])) source.addEventListener(type, onEvent);
    source.addEventListener('error', (event) => {
      const failed = source.readyState === source.CLOSED;
      source.close();
      resolve({ events, outcome: failed ? 'failed' : 'ended', message: (event as Event & { message?: string }).message ?? '' });
    });
  });
  try {
    return await within(done, options.timeoutMs, 'EventSource: the stream did not end');
  } finally {
    source.close();
  }
}
