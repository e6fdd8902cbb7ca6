/**
 * Showing what a client dispatched from an event stream, for failure
 * messages. (The SSE checks read streams with the dispatch model of
 * `conformance/oracles`; none of them gates on the grammar, which is
 * SSE-015's alone.)
 */
import type { ExpectedClientEvent } from '../arbitraries/sse-options.ts';
import { escapeText } from '../bytes/escape.ts';

/** `[{type "message", data "a\nb", lastEventId "7"}]` with CR/LF visible. */
export function describeEvents(events: readonly ExpectedClientEvent[]): string {
  return `[${events.map((event) => `{type "${escapeText(event.type)}", data "${escapeText(event.data)}", lastEventId "${escapeText(event.lastEventId)}"}`).join(', ')}]`;
}
