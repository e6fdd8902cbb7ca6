/**
 * The model of what an EventSource dispatches for a plan of `writeSSE`
 * calls, much simpler than any implementation: one event per accepted call,
 * type `event` or `message`, data as the client reads it (line breaks as LF,
 * lone surrogates as U+FFFD), `lastEventId` carried over from the last id
 * (WHATWG HTML §9.2.6, https://html.spec.whatwg.org/multipage/server-sent-events.html#dispatchMessage).
 */
import { asClientReadsIt } from '../arbitraries/text.ts';
import type { PlannedEvent } from '../arbitraries/event-plan.ts';
import type { ClientEvent } from './event-stream.ts';
import { escapeText } from '../bytes/escape.ts';

/** True when `writeSSE` must refuse this call (an id with NUL: spec §2, injection). */
export function mustBeRefused(planned: PlannedEvent): boolean {
  return planned.id !== undefined && planned.id.includes('\0');
}

/** The text a value is sent as: a string as is, anything else as `JSON.stringify`. */
export function sentText(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data);
}

/** The events a WHATWG client dispatches for `plan`, refused calls left out. */
export function expectedDispatches(plan: readonly PlannedEvent[], initialLastEventId = ''): ClientEvent[] {
  const events: ClientEvent[] = [];
  let lastEventId = initialLastEventId;
  for (const planned of plan) {
    if (mustBeRefused(planned)) continue;
    if (planned.id !== undefined) lastEventId = planned.id.toWellFormed();
    const type = planned.event === undefined ? '' : planned.event.toWellFormed();
    events.push({ type: type === '' ? 'message' : type, data: asClientReadsIt(sentText(planned.data)), lastEventId });
  }
  return events;
}

/** The event types a client must listen to, to see every event of `plan` (always `message`). */
export function listenedTypes(plan: readonly PlannedEvent[]): string[] {
  return [...new Set(['message', ...expectedDispatches(plan).map((event) => event.type)])];
}

/** The last event id a client holds after `plan` ('' when none). */
export function finalLastEventId(plan: readonly PlannedEvent[]): string {
  return expectedDispatches(plan).at(-1)?.lastEventId ?? '';
}

/**
 * The `writeSSE` options of a planned call, only the fields that are set.
 * `retry` (when given) is added to the first call.
 */
export function writeOptions(planned: PlannedEvent, retry?: number): { id?: string; event?: string; retry?: number } {
  return {
    ...(planned.event === undefined ? {} : { event: planned.event }),
    ...(planned.id === undefined ? {} : { id: planned.id }),
    ...(retry === undefined ? {} : { retry }),
  };
}

/** A planned call as a person reads it: `writeSSE("a\rb", {"event":"x","id":"7"})`, CR/LF visible. */
export function describePlannedCall(planned: PlannedEvent, retry?: number): string {
  const data = typeof planned.data === 'string' ? `"${escapeText(planned.data)}"` : escapeText(JSON.stringify(planned.data));
  const options = writeOptions(planned, retry);
  const fields = Object.entries(options).map(([name, value]) => `${name}: ${typeof value === 'string' ? `"${escapeText(value)}"` : String(value)}`);
  return `writeSSE(${data}${fields.length > 0 ? `, { ${fields.join(', ')} }` : ''})`;
}

/** An event as a person reads it, CR/LF visible. */
export function describeDispatch(event: ClientEvent): string {
  return `{ type: "${escapeText(event.type)}", data: "${escapeText(event.data)}", lastEventId: "${escapeText(event.lastEventId)}" }`;
}

/**
 * Compares what a client dispatched with the model; returns a message naming
 * the first difference (the call that was written, what the client should
 * have dispatched, what it did), or undefined when they agree.
 */
export function compareDispatches(
  plan: readonly PlannedEvent[],
  actual: readonly ClientEvent[],
  client: string,
  describeCall: (planned: PlannedEvent) => string = (planned) => describePlannedCall(planned),
): string | undefined {
  const accepted = plan.filter((planned) => !mustBeRefused(planned));
  const expected = expectedDispatches(plan);
  for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
    const want = expected[index];
    const got = actual[index];
    if (want === undefined) {
      return `${client} dispatched ${actual.length} event(s) for ${expected.length} accepted call(s); extra event #${index + 1}: ${describeDispatch(got!)}`;
    }
    const call = describeCall(accepted[index]!);
    if (got === undefined) {
      return `${client} dispatched ${actual.length} event(s) for ${expected.length} accepted call(s); call #${index + 1} ${call} should have dispatched ${describeDispatch(want)}`;
    }
    if (got.type !== want.type || got.data !== want.data || got.lastEventId !== want.lastEventId) {
      const what = [got.type !== want.type ? 'type' : '', got.data !== want.data ? 'data' : '', got.lastEventId !== want.lastEventId ? 'lastEventId' : '']
        .filter(Boolean)
        .join(', ');
      return `call #${index + 1} ${call}: ${client} dispatched ${describeDispatch(got)}; expected ${describeDispatch(want)} (${what} differ)`;
    }
  }
  return undefined;
}

/**
 * True when a `Last-Event-ID` request header, as the handler read it, carries
 * `id`. Clients send the id encoded as UTF-8 (WHATWG HTML §9.2.4); Fetch
 * headers are byte strings, so a server that maps bytes to code points one to
 * one (Node, undici) shows the UTF-8 bytes as Latin-1 text, and one that
 * decodes UTF-8 shows the id itself. Both are the same bytes on the wire.
 * Leading and trailing spaces and tabs are not part of a header value
 * (RFC 9110 §5.5; Fetch normalizes them away), so they are not compared.
 */
export function lastEventIdHeaderCarries(header: string | null, id: string): boolean {
  if (header === null) return false;
  const wellFormed = id.toWellFormed().replace(/^[ \t]+|[ \t]+$/g, '');
  if (header === wellFormed) return true;
  let asByteString = '';
  for (const byte of new TextEncoder().encode(wellFormed)) asByteString += String.fromCharCode(byte);
  return header === asByteString;
}
