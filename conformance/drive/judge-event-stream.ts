/**
 * Judging an event stream with both oracles of `conformance/oracles`: the
 * strict grammar (WHATWG HTML §9.2.5) and what a WHATWG client dispatches
 * (eventsource-parser, §9.2.6), with failure messages that show both.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ExpectedClientEvent } from '../arbitraries/sse-options.ts';
import { checkEventStreamGrammar, clientView, type ClientEvent, type ClientView } from '../oracles/event-stream.ts';
import { Mismatch } from '../runner/property.ts';
import { escapeText } from './escape.ts';

/**
 * Fails with a {@link Mismatch} if `bytes` break the event-stream grammar;
 * otherwise returns what a WHATWG client reads from them.
 * @param subject - what wrote the bytes, for the message (`writeSSE calls [...]`)
 */
export function judgeEventStream(bytes: Uint8Array, subject: string): ClientView {
  const violations = checkEventStreamGrammar(bytes);
  if (violations.length > 0) {
    const listed = violations
      .slice(0, 3)
      .map((violation) => `line ${violation.line}: ${violation.message}`)
      .join('; ');
    throw new Mismatch(`${subject}: the bytes break the event-stream grammar (WHATWG HTML §9.2.5): ${listed}`, { sent: bytes, eventStream: true });
  }
  return clientView(bytes);
}

/** Fails unless the client dispatched exactly `expected`, in order. */
export function expectClientEvents(bytes: Uint8Array, view: ClientView, expected: readonly ExpectedClientEvent[], subject: string): void {
  const actual: ClientEvent[] = view.events;
  if (actual.length !== expected.length) {
    throw new Mismatch(
      `${subject}: a WHATWG client dispatched ${actual.length} event(s), expected ${expected.length}: got ${describeEvents(actual)}, expected ${describeEvents(expected)}`,
      { sent: bytes, eventStream: true },
    );
  }
  expected.forEach((want, index) => {
    const got = actual[index]!;
    if (!isDeepStrictEqual({ type: got.type, data: got.data, lastEventId: got.lastEventId }, want)) {
      throw new Mismatch(
        `${subject}: event #${index + 1} reads ${describeEvents([got])}, expected ${describeEvents([want])}`,
        { sent: bytes, eventStream: true },
      );
    }
  });
}

/** `[{type "message", data "a\nb", lastEventId "7"}]` with CR/LF visible. */
export function describeEvents(events: readonly ExpectedClientEvent[]): string {
  return `[${events.map((event) => `{type "${escapeText(event.type)}", data "${escapeText(event.data)}", lastEventId "${escapeText(event.lastEventId)}"}`).join(', ')}]`;
}
