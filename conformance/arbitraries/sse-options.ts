/**
 * Arbitraries of Server-Sent Event calls (`writeSSE(data, options)` and the
 * options of `sseResponse`), and the model of what a WHATWG client reads
 * back for them (WHATWG HTML §9.2.6; spec §2.5).
 *
 * The model is deliberately tiny: strings come back with every line break
 * as LF and lone surrogates as U+FFFD, other values as `JSON.stringify`, the
 * type is `event` (or `message`), and the last event id carries over.
 */
import fc from 'fast-check';
import { anyText, asClientReadsIt, eventDataText, lineSafeText, textContaining } from './text.ts';
import { jsonNonStringValue, validRetry } from './values.ts';

/** The per-event fields of `writeSSE` (and of `sseResponse`). */
export interface SseFieldsInput {
  event?: string;
  id?: string;
  retry?: number;
}

/** One `writeSSE(data, options)` call. */
export interface SseCall {
  data: unknown;
  options?: SseFieldsInput;
}

/** What a WHATWG client dispatches for one event (as `clientView` reports it). */
export interface ExpectedClientEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/** A valid event type: no CR or LF (NUL, spaces, colons and all of Unicode allowed), common names weighted up. */
export function sseEventType(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom('message', 'greeting', 'progress', 'notification', '') },
    { weight: 3, arbitrary: lineSafeText({ withNul: true, maxLength: 10 }) },
  );
}

/** A valid id: no CR, LF or NUL. */
export function sseId(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom('1', 'msg-1', 'conn-2', '') },
    { weight: 3, arbitrary: lineSafeText({ maxLength: 10 }) },
  );
}

/** An event type that contains CR, LF or CRLF (forbidden: it would inject fields). */
export function injectingEventType(): fc.Arbitrary<string> {
  return textContaining(['\r', '\n', '\r\n']);
}

/** An id that contains CR, LF, CRLF or NUL (forbidden). */
export function forbiddenId(): fc.Arbitrary<string> {
  return textContaining(['\r', '\n', '\r\n', '\0']);
}

/** Event data: any text (line breaks, look-alikes, all of Unicode) or a JSON value that is not a string. */
export function sseData(): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: eventDataText() }, { weight: 1, arbitrary: jsonNonStringValue() });
}

/** Text that starts with spaces (and maybe a colon): the one space after `data:` must not eat them. */
export function leadingSpaceText(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(' ', '  ', '   ', ' :', '\t', ' \r '), anyText({ maxLength: 8 }))
    .map(([head, tail]) => head + tail);
}

/** Optional `event` and `id` (no `retry`). */
export function sseEventFields(): fc.Arbitrary<SseFieldsInput | undefined> {
  return fc.option(fc.record({ event: sseEventType(), id: sseId() }, { requiredKeys: [] }), { nil: undefined });
}

/** One valid `writeSSE` call: any data, optional event, id and (rarely) retry. */
export function sseCall(options: { withRetry?: boolean; data?: fc.Arbitrary<unknown> } = {}): fc.Arbitrary<SseCall> {
  const fields = options.withRetry
    ? fc.option(fc.record({ event: sseEventType(), id: sseId(), retry: validRetry() }, { requiredKeys: [] }), { nil: undefined })
    : sseEventFields();
  return fc.record({ data: options.data ?? sseData(), options: fields }).map(({ data, options: o }) => (o === undefined ? { data } : { data, options: o }));
}

/** A list of valid calls. */
export function sseCalls(options: { minLength?: number; maxLength?: number; withRetry?: boolean; data?: fc.Arbitrary<unknown> } = {}): fc.Arbitrary<SseCall[]> {
  return fc.array(sseCall(options), { minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 5 });
}

/** Options of `sseResponse`: optional `event` and `retry` (the guide's). */
export function sseResponseOptions(): fc.Arbitrary<{ event?: string; retry?: number }> {
  return fc.record({ event: sseEventType(), retry: validRetry() }, { requiredKeys: [] });
}

/** What a client reads back as the data of `data` (strings as is with LF line breaks; other values as JSON). */
export function expectedEventData(data: unknown): string {
  return typeof data === 'string' ? asClientReadsIt(data) : asClientReadsIt(JSON.stringify(data));
}

/** What a client dispatches for `calls`, in order; the last event id carries over from `initialId`. */
export function expectedClientEvents(calls: readonly SseCall[], initialId = ''): ExpectedClientEvent[] {
  let lastEventId = initialId;
  return calls.map((call) => {
    if (call.options?.id !== undefined) lastEventId = call.options.id.toWellFormed();
    const event = call.options?.event;
    return {
      type: event === undefined || event === '' ? 'message' : event.toWellFormed(),
      data: expectedEventData(call.data),
      lastEventId,
    };
  });
}

/** `writeSSE("a\rb", {id:"7"})` — a call as a person reads it. */
export function describeSseCall(call: SseCall): string {
  const data = typeof call.data === 'string' ? JSON.stringify(call.data) : fc.stringify(call.data);
  return call.options === undefined ? `writeSSE(${data})` : `writeSSE(${data}, ${fc.stringify(call.options)})`;
}

/** How an event stream is produced: `writeSSE` on a manual stream, or values yielded to `sseResponse`. */
export type SseVia = 'writeSSE' | 'sseResponse';

export function sseVia(): fc.Arbitrary<SseVia> {
  return fc.constantFrom<SseVia>('writeSSE', 'sseResponse');
}
