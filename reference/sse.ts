/**
 * Server-Sent Events encoding (WHATWG HTML §9.2.5 "Parsing an event stream",
 * §9.2.6 "Interpreting an event stream"):
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 *
 * One call = one event: optional `event: `, `id: `, `retry: ` lines (in that
 * order), then one `data: ` line per line of the data, then a blank line.
 */
import { InvalidSseFieldError, InvalidOptionError } from './errors.ts';
import { jsonText } from './json-text.ts';
import { requireOptionsObject, type SseFields } from './options.ts';

const LINE_BREAK = /\r\n|\r|\n/;
const HAS_LINE_BREAK = /[\r\n]/;

/** What {@link sseEvent} takes: the event's data and its optional fields. */
export interface ServerSentEventInit extends SseFields {
  /** A string is sent as is (split into lines); any other value as JSON. */
  data: unknown;
}

/**
 * One event with its own fields, as yielded by an `sseResponse` generator.
 * Its `event` overrides the response-level one. Create it with {@link sseEvent}.
 */
export class ServerSentEvent {
  /** The encoded `data: ` lines (validated at construction). */
  readonly dataLines: string;
  readonly data: unknown;
  readonly fields: Readonly<SseFields>;
  constructor(
    data: unknown,
    fields: Readonly<SseFields>,
  ) {
    this.data = data;
    this.fields = fields;
    this.dataLines = encodeSseData('sseEvent data', data);
  }
}

/**
 * An event with per-event fields, for `sseResponse` generators:
 * `yield sseEvent({ data: { n: 1 }, id: '1', event: 'tick' })`.
 * @throws {@link InvalidSseFieldError}, {@link UnserializableValueError} at the call.
 */
export function sseEvent(init: ServerSentEventInit): ServerSentEvent {
  const o = requireOptionsObject('sseEvent init', init);
  if (!('data' in o)) throw new InvalidOptionError('sseEvent init.data', undefined, 'is required');
  return new ServerSentEvent(o.data, resolveSseFields(o, 'sseEvent init'));
}

/**
 * Validates `id`, `event` and `retry` (WHATWG HTML §9.2.6): a line break
 * would end the field early and let the rest be read as new fields
 * (injection); NUL makes a client ignore an `id`.
 * @throws {@link InvalidSseFieldError}
 */
export function resolveSseFields(fields: Record<string, unknown>, prefix: string): SseFields {
  const { id, event, retry } = fields;
  const resolved: SseFields = {};
  if (event !== undefined) {
    if (typeof event !== 'string') throw new InvalidSseFieldError(`${prefix}.event`, event, 'must be a string');
    if (HAS_LINE_BREAK.test(event)) throw new InvalidSseFieldError(`${prefix}.event`, event, 'must not contain CR or LF (WHATWG HTML §9.2.5)');
    resolved.event = event;
  }
  if (id !== undefined) {
    if (typeof id !== 'string') throw new InvalidSseFieldError(`${prefix}.id`, id, 'must be a string');
    if (HAS_LINE_BREAK.test(id)) throw new InvalidSseFieldError(`${prefix}.id`, id, 'must not contain CR or LF (WHATWG HTML §9.2.5)');
    if (id.includes('\0')) throw new InvalidSseFieldError(`${prefix}.id`, id, 'must not contain NUL: clients ignore such an id (WHATWG HTML §9.2.6)');
    resolved.id = id;
  }
  if (retry !== undefined) {
    if (!(Number.isSafeInteger(retry) && (retry as number) >= 0)) {
      throw new InvalidSseFieldError(`${prefix}.retry`, retry, 'must be a non-negative safe integer (ms; WHATWG HTML §9.2.6)');
    }
    resolved.retry = retry as number;
  }
  return resolved;
}

/**
 * The `data: ` lines of a value: a string as is, split on CRLF, CR and LF;
 * anything else as `JSON.stringify` text (which has no raw line breaks).
 * @throws {@link UnserializableValueError}
 */
export function encodeSseData(field: string, data: unknown): string {
  const text = typeof data === 'string' ? data : jsonText(field, data);
  if (!HAS_LINE_BREAK.test(text)) return `data: ${text}\n`;
  let lines = '';
  for (const line of text.split(LINE_BREAK)) lines += `data: ${line}\n`;
  return lines;
}

/**
 * A whole event with no fields: the same text as
 * `encodeSseEvent(encodeSseData(field, data), {})`, built in one step (one
 * string per event instead of three, for the common case of a plain string).
 * @throws {@link UnserializableValueError}
 */
export function encodePlainSseEvent(field: string, data: unknown): string {
  if (typeof data === 'string' && !HAS_LINE_BREAK.test(data)) return `data: ${data}\n\n`;
  return `${encodeSseData(field, data)}\n`;
}

/** The field lines (`event`, `id`, `retry`, in that order) of an event. */
export function encodeSseFields(fields: SseFields): string {
  let text = '';
  if (fields.event !== undefined) text += `event: ${fields.event}\n`;
  if (fields.id !== undefined) text += `id: ${fields.id}\n`;
  if (fields.retry !== undefined) text += `retry: ${fields.retry}\n`;
  return text;
}

/** A whole event: fields, data lines and the blank line that dispatches it. */
export function encodeSseEvent(dataLines: string, fields: SseFields): string {
  return `${encodeSseFields(fields)}${dataLines}\n`;
}

/**
 * An SSE comment (for heartbeats): `: line\n` per line (`:\n` for an empty
 * line), then a blank line, so the stream stays on an event boundary (WHATWG
 * HTML §9.2.5: `event = *( comment / field ) end-of-line`) and a stream that
 * ends after a heartbeat is still well-formed. The blank line dispatches
 * nothing: no data was buffered.
 */
export function encodeSseComment(text: string): string {
  let out = '';
  for (const line of text.split(LINE_BREAK)) out += line === '' ? ':\n' : `: ${line}\n`;
  return `${out}\n`;
}
