/**
 * The oracles on web-platform-tests' format cases (fixtures/wpt-format.ts):
 * the dispatch model of the grammar checker and eventsource-parser (through
 * `clientView`) must dispatch what the WPT tests assert, the grammar checker
 * must accept every one of those streams that ends on an event boundary, and
 * the media-type oracle must accept and refuse what an EventSource does.
 */
import { describe, expect, it } from 'vitest';
import { checkEventStreamGrammar, clientView, readEventStream } from '../../conformance/oracles/event-stream.ts';
import { eventSourceAcceptsContentType } from '../../conformance/oracles/http-fields.ts';
import { formatCases, mediaTypeCases } from './fixtures/wpt-format.ts';

describe('WPT eventsource format cases', () => {
  it('cover the format-* files of WPT eventsource/', () => {
    const files = new Set([...formatCases, ...mediaTypeCases].map((entry) => entry.wpt));
    for (const name of [
      'bom',
      'bom-2',
      'comments',
      'data-before-final-empty-line',
      'field-data',
      'field-event',
      'field-event-empty',
      'field-id',
      'field-id-2',
      'field-id-3',
      'field-id-null',
      'field-parsing',
      'field-retry',
      'field-retry-bogus',
      'field-retry-empty',
      'field-unknown',
      'leading-space',
      'mime-bogus',
      'mime-trailing-semicolon',
      'mime-valid-bogus',
      'newlines',
      'null-character',
      'utf-8',
    ]) {
      expect([...files].some((file) => file.startsWith(`format-${name}.`)), `format-${name}`).toBe(true);
    }
  });

  for (const entry of formatCases) {
    describe(`${entry.wpt}: ${entry.about}`, () => {
      entry.connections.forEach((connection, index) => {
        const label = entry.connections.length > 1 ? `connection ${index + 1}: ` : '';
        const initial = connection.lastEventId ?? '';

        it(`${label}the model dispatches what WPT asserts`, () => {
          const reading = readEventStream(connection.bytes, { lastEventId: initial });
          expect(reading.events.map(({ type, data, lastEventId }) => ({ type, data, lastEventId }))).toEqual(connection.events);
          if (connection.retries !== undefined) expect(reading.retries.map((retry) => retry.value)).toEqual(connection.retries);
          if (connection.lastEventIdAfter !== undefined) expect(reading.lastEventId).toBe(connection.lastEventIdAfter);
        });

        it(`${label}eventsource-parser (clientView) dispatches the same`, () => {
          const view = clientView(connection.bytes, { lastEventId: initial });
          expect(view.events).toEqual(connection.events);
          if (connection.retries !== undefined) expect(view.retries).toEqual(connection.retries);
          // Fed one byte at a time, the same.
          const split = clientView(connection.bytes, { lastEventId: initial, chunks: Array.from({ length: connection.bytes.length }, () => 1) });
          expect(split.events).toEqual(connection.events);
        });

        it(`${label}the grammar checker ${connection.complete === false ? 'says the stream ends inside an event' : 'accepts the stream'}`, () => {
          const violations = checkEventStreamGrammar(connection.bytes);
          if (connection.complete === false) {
            expect(violations.map((violation) => violation.message)).toEqual([expect.stringContaining('ends inside an event')]);
          } else {
            expect(violations).toEqual([]);
          }
        });
      });
    });
  }

  for (const entry of mediaTypeCases) {
    it(`${entry.wpt}: Content-Type "${entry.contentType}" is ${entry.accepted ? 'accepted' : 'refused'} by an EventSource`, () => {
      expect(eventSourceAcceptsContentType(entry.contentType)).toBe(entry.accepted);
    });
  }
});
