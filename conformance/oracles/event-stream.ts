/**
 * Two oracles for event streams:
 * - {@link clientView}: what a WHATWG client dispatches, by `eventsource-parser`
 *   (an implementation nobody here wrote);
 * - {@link checkEventStreamGrammar}: a strict checker of what was sent
 *   against the event-stream grammar of WHATWG HTML §9.2.5, stricter than
 *   any client: known field names only, `field: value` with one space,
 *   LF line ends, UTF-8, and a stream that ends on an event boundary.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One event as a WHATWG client dispatches it. */
export interface ClientEvent {
  /** `message` unless an `event` field said otherwise. */
  type: string;
  data: string;
  /** The last event id at dispatch (the parser's `id`, carried over as a browser does). */
  lastEventId: string;
}

export interface ClientView {
  events: ClientEvent[];
  /** Reconnection times, in the order they were set. */
  retries: number[];
  /** Comment lines (without the colon). */
  comments: string[];
}

/** What a WHATWG client makes of these bytes (decoded as UTF-8, as clients do). */
export function clientView(bytes: Uint8Array | string): ClientView {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8').decode(bytes);
  const view: ClientView = { events: [], retries: [], comments: [] };
  let lastEventId = '';
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      if (message.id !== undefined) lastEventId = message.id;
      view.events.push({ type: message.event ?? 'message', data: message.data, lastEventId });
    },
    onRetry(interval: number) {
      view.retries.push(interval);
    },
    onComment(comment: string) {
      view.comments.push(comment);
    },
  });
  parser.feed(text);
  return view;
}

/** Readable form of a client view, for failure messages and reports. */
export function describeClientView(view: ClientView): string {
  return JSON.stringify(view);
}

export interface GrammarViolation {
  /** 1-based line number. */
  line: number;
  message: string;
}

const KNOWN_FIELDS = new Set(['data', 'event', 'id', 'retry']);

/** Checks bytes against the strict event-stream grammar; returns every violation found. */
export function checkEventStreamGrammar(bytes: Uint8Array): GrammarViolation[] {
  const violations: GrammarViolation[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return [{ line: 0, message: 'the stream is not well-formed UTF-8' }];
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  if (text.length === 0) return violations;
  if (text.includes('\r')) {
    const at = text.slice(0, text.indexOf('\r')).split('\n').length;
    violations.push({ line: at, message: 'line ends with CR; the implementation writes LF line ends only' });
  }
  const lines = text.split(/\r\n|\r|\n/);
  const unterminated = lines.pop();
  if (unterminated !== '') {
    violations.push({ line: lines.length + 1, message: `the last line is not terminated: "${unterminated}"` });
  }
  let inEvent = false;
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (line === '') {
      inEvent = false;
      return;
    }
    inEvent = true;
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    if (!KNOWN_FIELDS.has(name)) {
      violations.push({ line: lineNumber, message: `unknown field "${name}" (known: data, event, id, retry)` });
      return;
    }
    if (colon === -1) {
      violations.push({ line: lineNumber, message: `field "${name}" has no colon` });
      return;
    }
    if (line[colon + 1] !== ' ') {
      violations.push({ line: lineNumber, message: `field "${name}" lacks the space after the colon (WHATWG makes it optional; DESIGN §3 and SSE-006 require "field: value" so a value's own leading space survives)` });
    }
    const value = line.slice(colon + 2);
    if (name === 'retry' && !/^\d+$/.test(value)) {
      violations.push({ line: lineNumber, message: `retry value "${value}" is not ASCII digits` });
    }
    if (name === 'id' && value.includes('\0')) {
      violations.push({ line: lineNumber, message: 'id value contains NUL' });
    }
  });
  if (inEvent) violations.push({ line: lines.length, message: 'the stream ends inside an event (no blank line after it)' });
  return violations;
}
