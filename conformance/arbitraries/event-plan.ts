/**
 * Event plans: the sequences of `writeSSE` calls that the real-client checks
 * (the `eventsource` package over a socket, Chromium's EventSource) send and
 * then expect a client to dispatch. See WHATWG HTML §9.2.6
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#processField).
 */
import fc from 'fast-check';
import { asciiJsonValue, independentOfFieldForms, plainLine, plainLines } from './sse-isolated.ts';
import { anyText, lineSafeText, stripLineBreaks } from './text.ts';

/** One `writeSSE(data, { event, id })` call of a plan. */
export interface PlannedEvent {
  /** A string (sent as is, split into `data:` lines) or a JSON value (sent as `JSON.stringify`). */
  data: unknown;
  event?: string;
  id?: string;
}

/**
 * Event data for the real-client checks (WIRE-013..016, BROWSER-*): plain
 * ASCII lines (joined by LF, none starting with a space, never empty) or an
 * ASCII JSON value. What such a check judges is the client and the transport;
 * how exotic text is written and read (CR, lone surrogates, leading spaces,
 * the empty string) is judged by SSE-005, SSE-006, SSE-009, SSE-017 and,
 * with a real client against the bytes, SSE-022.
 */
export function plannedData(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: plainLines().filter((text) => text !== '') },
    { weight: 2, arbitrary: asciiJsonValue() },
  );
}

/**
 * An event type for the real-client checks: plain text with no leading space
 * (SSE-010 judges how `event:` keeps one), `message`, and the names of the
 * EventSource's own events (`error`, `open`).
 */
export function eventTypeText(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: plainLine({ maxLength: 8 }) },
    { weight: 2, arbitrary: fc.constantFrom('greeting', 'progress', 'message', 'error', 'open', 'x y', 'a:b') },
  );
}

/**
 * A valid, non-empty event id: no CR, LF or NUL (WHATWG HTML §9.2.6 ignores
 * an id with NUL), weighted towards leading and trailing spaces and non-ASCII.
 */
export function eventIdText(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: lineSafeText({ maxLength: 10 }).filter((id) => id !== '') },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(' ', '', '  '), fc.stringMatching(/^[A-Za-z0-9-]{1,6}$/), fc.constantFrom(' ', '', '\t')).map(([a, b, c]) => a + b + c) },
    { weight: 1, arbitrary: fc.constantFrom('7', 'msg-1', 'é😀', '\ud800x', 'id: 1', ' ') },
  );
}

/**
 * An id a client can send back in `Last-Event-ID`: no control characters
 * (Fetch refuses them in a header value) and something left once the header's
 * leading and trailing spaces and tabs are stripped (RFC 9110 §5.5).
 */
export function resumableEventId(): fc.Arbitrary<string> {
  return eventIdText().filter((id) => !/[\x00-\x08\x0a-\x1f\x7f]/.test(id) && id.replace(/^[ \t]+|[ \t]+$/g, '') !== '');
}

/** An id that contains NUL (and no line break): `writeSSE` must refuse it. */
export function idWithNul(): fc.Arbitrary<string> {
  return fc
    .tuple(anyText({ maxLength: 5 }).map(stripLineBreaks), anyText({ maxLength: 5 }).map(stripLineBreaks))
    .map(([before, after]) => `${before}\0${after}`);
}

export interface PlanOptions {
  /** Give some events an `event` type. */
  types?: boolean;
  /** Give some events an `id`. */
  ids?: boolean;
  /** Give some events an id with NUL (which `writeSSE` must refuse). */
  nulIds?: boolean;
  minLength?: number;
  maxLength?: number;
}

/** One planned `writeSSE` call. */
export function plannedEvent(options: PlanOptions = {}): fc.Arbitrary<PlannedEvent> {
  const none = fc.constant(undefined);
  const id = options.ids
    ? options.nulIds
      ? fc.oneof({ weight: 2, arbitrary: none }, { weight: 3, arbitrary: eventIdText() }, { weight: 2, arbitrary: idWithNul() })
      : fc.oneof(none, eventIdText())
    : none;
  return fc
    .record({
      data: plannedData(),
      event: options.types ? fc.oneof({ weight: 1, arbitrary: none }, { weight: 3, arbitrary: eventTypeText() }) : none,
      id,
    })
    .map(({ data, event, id }) => independentOfFieldForms({ data, ...(event === undefined ? {} : { event }), ...(id === undefined ? {} : { id }) }));
}

/** A sequence of `writeSSE` calls. */
export function eventPlan(options: PlanOptions = {}): fc.Arbitrary<PlannedEvent[]> {
  return fc.array(plannedEvent(options), { minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 6 });
}

/**
 * A plan that leaves the client with a last event id it can send back (so a
 * reconnection must send `Last-Event-ID`): some events, one with a
 * {@link resumableEventId}, maybe more events without one after it.
 */
export function resumablePlan(): fc.Arbitrary<PlannedEvent[]> {
  return fc
    .tuple(
      eventPlan({ ids: true, minLength: 0, maxLength: 3 }),
      fc.record({ data: plannedData(), id: resumableEventId() }).map(independentOfFieldForms),
      fc.array(fc.record({ data: plannedData() }), { maxLength: 2 }),
    )
    .map(([before, withId, after]) => [...before, withId, ...after]);
}

/** A reconnection time (`retry`) long enough to measure and short enough to wait for: 200-400 ms. */
export function measurableRetry(): fc.Arbitrary<number> {
  return fc.integer({ min: 200, max: 400 });
}

/** A short reconnection time (`retry`) for checks that only need the client to come back: 0-120 ms. */
export function shortRetry(): fc.Arbitrary<number> {
  return fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 }));
}

/** A reconnection time (`retry`) for the stream before a 204 (WIRE-016): 20-150 ms. */
export function retryBefore204(): fc.Arbitrary<number> {
  return fc.integer({ min: 20, max: 150 });
}

/** The values an `sseResponse` generator yields: 1 to 5 of {@link plannedData}. */
export function plannedValues(): fc.Arbitrary<unknown[]> {
  return fc.array(plannedData(), { minLength: 1, maxLength: 5 });
}

/** The `event` option of an `sseResponse`, if any. */
export function optionalEventType(): fc.Arbitrary<string | undefined> {
  return fc.option(eventTypeText(), { nil: undefined });
}
