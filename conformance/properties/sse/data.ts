/**
 * The data of an event as a client reads it (SSE-005..009, SSE-016,
 * SSE-017): line breaks split into data lines and read back as LF, "data: "
 * with one space, non-strings as JSON, unserializable values refused, the
 * empty string as an event, look-alike fields kept as data, all of Unicode as
 * UTF-8.
 */
import fc from 'fast-check';
import { fieldsBesideLookalike, plainCalls } from '../../arbitraries/sse-calls.ts';
import { asciiJsonValue, asciiMultiline, leadingSpaceLines, unicodeLine } from '../../arbitraries/sse-isolated.ts';
import { sseEventFields, sseVia } from '../../arbitraries/sse-options.ts';
import { asClientReadsIt, sseLookalikeText } from '../../arbitraries/text.ts';
import { unserializableValue } from '../../arbitraries/values.ts';
import { escapeText } from '../../bytes/escape.ts';
import { describeEvents } from '../../drive/judge-event-stream.ts';
import { expectRefusedCall } from '../../drive/refused-call.ts';
import { readEventStream, type EventStreamReading, type StreamLine } from '../../oracles/event-stream.ts';
import { CheckBlocked, type Check } from '../../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../../runner/property.ts';
import { EVENT_STREAM, PRIOR_ID, readOutput, sendOne, sent, theOneEvent, writeAll } from './shared.ts';

type FieldLine = Extract<StreamLine, { kind: 'field' }>;

function fieldLines(reading: EventStreamReading, name: string): FieldLine[] {
  return reading.lines.filter((line): line is FieldLine => line.kind === 'field' && line.name === name);
}

export const dataSplitOnLineBreaks: Check = {
  requirement: 'SSE-005',
  title: 'string data split on CR, LF and CRLF reads back with LF',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseVia(), asciiMultiline(), async (how, text) => {
        const { bytes, subject } = await sendOne(ctx, how, text);
        const event = theOneEvent(bytes, readOutput(bytes).events, subject, 'data');
        const expected = asClientReadsIt(text);
        expectThat(
          event.data === expected,
          `${subject}: a WHATWG client reads the data "${escapeText(event.data)}", expected "${escapeText(expected)}" (every CR, LF and CRLF a line break, read back as LF)`,
          sent(bytes),
        );
      }),
    );
  },
};

export const dataColonSpace: Check = {
  requirement: 'SSE-006',
  title: 'data lines are "data: " and the line, so leading spaces survive',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseVia(), leadingSpaceLines(), async (how, text) => {
        const { bytes, subject } = await sendOne(ctx, how, text);
        const lines = fieldLines(readOutput(bytes), 'data');
        const bad = lines.find((line) => !line.colon || !line.space);
        expectThat(
          bad === undefined,
          `${subject}: line ${bad?.number} is "data${bad?.colon ? ':' : ''}${escapeText(bad?.value ?? '')}", not "data: " (colon, one space) and the line`,
          sent(bytes),
        );
        const values = lines.map((line) => line.value);
        const expected = text.split('\n');
        if (JSON.stringify(values) === JSON.stringify(expected)) return;
        // A line that lost its own leading space is this rule's; any other difference is how the text became lines (SSE-005's).
        const lostSpace = values.length === expected.length && values.some((value, index) => expected[index]!.startsWith(' ') && value === expected[index]!.slice(1));
        if (!lostSpace) {
          throw new CheckBlocked(
            'SSE-005',
            `${subject}: the data lines carry ${escapeText(JSON.stringify(values))} where the text's lines are ${escapeText(JSON.stringify(expected))}: how a string becomes data lines is SSE-005's rule`,
          );
        }
        throw new Mismatch(
          `${subject}: the data lines carry ${escapeText(JSON.stringify(values))}, expected ${escapeText(JSON.stringify(expected))} (a line's own leading spaces must survive the one space a client removes)`,
          sent(bytes),
        );
      }),
    );
  },
};

export const nonStringIsJson: Check = {
  requirement: 'SSE-007',
  title: 'non-string data is JSON.stringify(value), JSON.parse gives it back',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseVia(), asciiJsonValue(), async (how, value) => {
        const { bytes, subject } = await sendOne(ctx, how, value);
        const event = theOneEvent(bytes, readOutput(bytes).events, subject, 'data');
        const expected = JSON.stringify(value);
        expectThat(event.data === expected, `${subject}: a WHATWG client reads the data "${escapeText(event.data)}", expected JSON.stringify(value) = "${escapeText(expected)}"`, sent(bytes));
      }),
    );
  },
};

export const unserializableRefused: Check = {
  requirement: 'SSE-008',
  title: 'writeSSE of a value JSON cannot carry throws a TypeError and writes nothing',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(plainCalls(), unserializableValue(), sseEventFields(), plainCalls(), async (before, bad, fields, after) => {
        await expectRefusedCall(ctx, EVENT_STREAM, {
          before: (stream, log) => writeAll(stream, before, log),
          call: (stream) => (fields === undefined ? stream.writeSSE(bad.value) : stream.writeSSE(bad.value, fields)),
          after: (stream, log) => writeAll(stream, after, log),
          what: `writeSSE(${bad.label}${fields === undefined ? '' : `, ${fc.stringify(fields)}`})`,
          rule: 'JSON.stringify cannot carry it, so it must be a TypeError and nothing is written',
          eventStream: true,
        });
      }),
    );
  },
};

export const emptyStringIsEvent: Check = {
  requirement: 'SSE-009',
  title: 'writeSSE("") and an empty string yielded to sseResponse are one event with empty data',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseVia(), sseEventFields(), async (how, fields) => {
        const empty = await sendOne(ctx, how, '', fields);
        const event = theOneEvent(empty.bytes, readOutput(empty.bytes).events, empty.subject, 'data');
        expectThat(event.data === '', `${empty.subject}: a WHATWG client reads the data "${escapeText(event.data)}", expected the empty string`, sent(empty.bytes));
        // Framed like any other event: if "x" with the same fields dispatches on its own, so must "".
        const control = await sendOne(ctx, how, 'x', fields);
        const controlCount = readEventStream(control.bytes).events.length;
        const emptyCount = readEventStream(empty.bytes).events.length;
        expectThat(
          emptyCount === controlCount,
          `${empty.subject}: a WHATWG client dispatches ${emptyCount} event(s) from this stream, but ${controlCount} for the same call with "x" (the empty event is not ended like the others)`,
          sent(empty.bytes),
        );
      }),
    );
  },
};

export const noInjection: Check = {
  requirement: 'SSE-016',
  title: 'data that looks like SSE fields reaches the client as data, changing nothing else',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(
        sseVia(),
        sseLookalikeText(),
        fieldsBesideLookalike(),
        async (how, text, fields) => {
          const { bytes, subject } = await sendOne(ctx, how, text, fields);
          // What the same call does with harmless data: the type, id and events the look-alike must not change.
          const control = await sendOne(ctx, how, 'x', fields);
          const reading = readOutput(bytes, PRIOR_ID);
          const expected = readOutput(control.bytes, PRIOR_ID);
          expectThat(
            reading.retries.length === expected.retries.length,
            `${subject}: the data set the client's reconnection time to ${reading.retries.map((retry) => retry.value).join(', ')} (field injection)`,
            sent(bytes),
          );
          expectThat(
            reading.comments.length === expected.comments.length,
            `${subject}: the client read comment line(s) ${escapeText(JSON.stringify(reading.comments))} out of the data`,
            sent(bytes),
          );
          expectThat(
            reading.events.length === expected.events.length,
            `${subject}: the client dispatched ${reading.events.length} event(s) (${describeEvents(reading.events)}) where the same call with "x" dispatches ${expected.events.length}: the data split the event (injection)`,
            sent(bytes),
          );
          reading.events.forEach((event, index) => {
            const want = expected.events[index]!;
            expectThat(
              event.type === want.type && event.lastEventId === want.lastEventId,
              `${subject}: the event reads type "${escapeText(event.type)}", lastEventId "${escapeText(event.lastEventId)}"; the same call with "x" gives type "${escapeText(want.type)}", lastEventId "${escapeText(want.lastEventId)}" (the data injected a field)`,
              sent(bytes),
            );
          });
        },
      ),
    );
  },
};

export const unicodeSurvives: Check = {
  requirement: 'SSE-017',
  title: 'all of Unicode survives as UTF-8, lone surrogates as U+FFFD',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(sseVia(), unicodeLine(), async (how, text) => {
        const { bytes, subject } = await sendOne(ctx, how, text);
        const event = theOneEvent(bytes, readOutput(bytes).events, subject, 'data');
        const expected = text.toWellFormed();
        expectThat(
          event.data === expected,
          `${subject}: a client decoding the bytes as UTF-8 reads "${escapeText(event.data)}", expected "${escapeText(expected)}" (UTF-8, a lone surrogate as U+FFFD)`,
          sent(bytes),
        );
      }),
    );
  },
};
