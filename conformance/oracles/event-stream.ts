/**
 * Two oracles for event streams, proven against each other and against
 * Chromium's EventSource (test/oracles/):
 * - {@link clientView}: what a WHATWG client dispatches, by `eventsource-parser`
 *   (an implementation nobody here wrote);
 * - the model of `event-stream-model.ts` ({@link readEventStream}, written
 *   from WHATWG HTML §9.2.5–§9.2.6, with the lines as they were parsed) and
 *   its {@link checkEventStreamGrammar}, which accepts every stream the
 *   format's ABNF allows.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ClientEvent } from './event-stream-model.ts';

export {
  checkEventStreamGrammar,
  illFormedUtf8Offset,
  readEventStream,
  type ClientEvent,
  type DispatchedEvent,
  type EventStreamReading,
  type GrammarViolation,
  type ReadOptions,
  type RetrySetting,
  type StreamLine,
} from './event-stream-model.ts';

export interface ClientView {
  events: ClientEvent[];
  /** Reconnection times, in the order they were set. */
  retries: number[];
  /** Comment lines (without the colon and one space after it). */
  comments: string[];
}

/**
 * What a WHATWG client makes of these bytes, by eventsource-parser: decoded
 * as UTF-8 with replacement (as clients do), fed in `chunks` pieces (whole
 * when not given).
 *
 * Two things are done here as WHATWG says rather than left to the parser:
 * - the BOM: UTF-8 decode removes one leading BOM (done here, see below),
 *   and the parser must not
 *   remove anything more. eventsource-parser strips, at the start of what
 *   it is fed, a U+FEFF and also the text "\u00EF\u00BB\u00BF" (a BOM's
 *   bytes read as Latin-1, which in a UTF-8 stream is three ordinary
 *   characters: WHATWG makes "\u00EF\u00BB\u00BFdata:x" the unknown field
 *   "\u00EF\u00BB\u00BFdata"). So it is first fed one blank line, which
 *   dispatches nothing and ends its BOM handling;
 * - the last event ID, which a WHATWG client carries from every `id` field
 *   at the next blank line, whether or not that block dispatched an event
 *   (`onId`), not only from dispatched events.
 */
export function clientView(bytes: Uint8Array | string, options: { chunks?: readonly number[]; lastEventId?: string } = {}): ClientView {
  const raw = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const view: ClientView = { events: [], retries: [], comments: [] };
  let lastEventId = options.lastEventId ?? '';
  const parser = createParser({
    onId(id: string) {
      lastEventId = id;
    },
    onEvent(message: EventSourceMessage) {
      view.events.push({ type: message.event ?? 'message', data: message.data, lastEventId });
    },
    onRetry(interval: number) {
      view.retries.push(interval);
    },
    onComment(comment: string) {
      view.comments.push(comment);
    },
  });
  parser.feed('\n');
  // The BOM is removed here, not by TextDecoder: Node's (v24) drops a second
  // U+FEFF too when the first BOM is split across streamed decode() calls.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let atStart = true;
  const feed = (text: string) => {
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.startsWith('\ufeff')) text = text.slice(1);
    }
    parser.feed(text);
  };
  let offset = 0;
  for (const size of options.chunks ?? []) {
    if (offset >= raw.length) break;
    const piece = raw.subarray(offset, Math.min(raw.length, offset + size));
    offset += piece.length;
    feed(decoder.decode(piece, { stream: true }));
  }
  feed(decoder.decode(raw.subarray(offset)));
  return view;
}

/** Readable form of a client view, for failure messages and reports. */
export function describeClientView(view: ClientView): string {
  return JSON.stringify(view);
}

/**
 * Whether a WHATWG client makes the same of two bodies: the same events
 * (type, data, last event ID, in order) and the same reconnection times.
 * Comments are not seen by clients (a heartbeat may fall into one body and
 * not the other), so they do not count.
 */
export function sameToClient(a: Uint8Array, b: Uint8Array): boolean {
  const seen = (bytes: Uint8Array): string => {
    const view = clientView(bytes);
    return JSON.stringify({ events: view.events, retries: view.retries });
  };
  return seen(a) === seen(b);
}
