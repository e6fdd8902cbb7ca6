/**
 * A WHATWG event-stream parser for whole bodies (k6 hands a script the body
 * only once it has ended). Follows HTML §9.2.6 "Interpreting an event stream":
 * one leading U+FEFF is skipped; lines end in CRLF, LF or CR; a blank line
 * dispatches the buffered data (nothing when no data); `data` lines append
 * value + LF; `event` sets the type; `id` sets the last event id unless it
 * contains NUL; `retry` counts only when it is all ASCII digits; a line
 * starting with `:` is a comment; at the end of the body an event that was not
 * terminated by a blank line is discarded. No k6 and no Node imports.
 *
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** A dispatched event as an EventSource listener would see it. */
export interface ParsedEvent {
  /** `message` unless an `event` field set it. */
  type: string;
  data: string;
  /** The last event id buffer when this event was dispatched. */
  lastEventId: string;
}

export interface ParsedEventStream {
  events: ParsedEvent[];
  /** The last valid `retry` value, if any. */
  retry?: number;
  comments: number;
  /** Bytes after the last complete event: a cut stream (or trailing fields never dispatched). */
  trailing: boolean;
}

/** Parses a whole `text/event-stream` body. */
export function parseEventStream(body: string): ParsedEventStream {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const lines = text.split(/\r\n|\n|\r/);
  const tail = lines.pop() ?? '';
  const events: ParsedEvent[] = [];
  const result: ParsedEventStream = { events, comments: 0, trailing: false };
  let data = '';
  let hasData = false;
  let eventType = '';
  let lastEventId = '';
  let pending = false;
  for (const line of lines) {
    if (line === '') {
      if (hasData) {
        events.push({ type: eventType === '' ? 'message' : eventType, data: data.slice(0, -1), lastEventId });
      }
      data = '';
      hasData = false;
      eventType = '';
      pending = false;
      continue;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      result.comments += 1;
      continue;
    }
    pending = true;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* space */) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data += `${value}\n`;
        hasData = true;
        break;
      case 'id':
        if (value.indexOf('\u0000') === -1) lastEventId = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) result.retry = Number(value);
        break;
      default:
        break;
    }
  }
  result.trailing = tail !== '' || pending;
  return result;
}
