/**
 * How events are framed in the stream (SSE-004, SSE-015, SSE-018, SSE-021):
 * one event per `writeSSE` call and per value yielded to `sseResponse`, in
 * order; everything written is an event stream by the format's grammar;
 * comments a client ignores.
 */
import fc from 'fast-check';
import { asciiCalls, commentsAndEvents, markedCalls, markedValues, plainResponseOptions, valueSource, type CommentOrEvent } from '../../arbitraries/sse-calls.ts';
import { marker } from '../../arbitraries/sse-isolated.ts';
import { describeSseCall, sseEventFields, sseVia } from '../../arbitraries/sse-options.ts';
import { escapeText } from '../../bytes/escape.ts';
import { describeThrown } from '../../drive/attempt.ts';
import { describeEvents } from '../../drive/judge-event-stream.ts';
import { runManualStream, runResponse, yieldEach } from '../../drive/stream-run.ts';
import { checkEventStreamGrammar, type ClientEvent } from '../../oracles/event-stream.ts';
import { CheckUnimplemented, type Check } from '../../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../../runner/property.ts';
import { EVENT_STREAM, readOutput, runSseResponse, runWriteSse, sent, subjectOf, writeAll } from './shared.ts';

/** Fails unless `events` are one per sent value, each carrying its marker, in order. */
function expectOneEventPerValue(bytes: Uint8Array, events: readonly ClientEvent[], count: number, subject: string, unit: string): void {
  expectThat(
    events.length === count,
    `${subject}: a WHATWG client dispatched ${events.length} event(s) for ${count} ${unit}(s): ${describeEvents(events)}`,
    sent(bytes),
  );
  events.forEach((event, index) => {
    expectThat(
      event.data.includes(marker(index + 1)),
      `${subject}: event #${index + 1} is ${describeEvents([event])}, not the event of ${unit} #${index + 1} (its data carries ${marker(index + 1)}): the events are out of order or merged`,
      sent(bytes),
    );
  });
}

export const oneCallOneEvent: Check = {
  requirement: 'SSE-004',
  title: 'one writeSSE call is one dispatched event, in call order',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(markedCalls({ maxLength: 8, fields: sseEventFields() }), async (calls) => {
        const { body } = await runWriteSse(ctx, calls);
        // Only the boundaries between events are judged here; the end of the stream is SSE-015's.
        const { events } = readOutput(body.bytes);
        expectOneEventPerValue(body.bytes, events, calls.length, subjectOf(calls), 'writeSSE call');
      }),
    );
  },
};

export const grammar: Check = {
  requirement: 'SSE-015',
  title: 'everything the SSE calls write is an event stream: UTF-8, every event ended by a blank line',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(
        sseVia(),
        asciiCalls(),
        plainResponseOptions(),
        async (how, calls, options) => {
          let bytes: Uint8Array;
          let subject: string;
          if (how === 'writeSSE') {
            bytes = (await runWriteSse(ctx, calls)).body.bytes;
            subject = subjectOf(calls);
          } else {
            const values = calls.map((call) => call.data);
            bytes = (await runSseResponse(ctx, values, options)).body.bytes;
            subject = `sseResponse yielding ${fc.stringify(values)} with ${fc.stringify(options)}`;
          }
          const violations = checkEventStreamGrammar(bytes);
          expectThat(
            violations.length === 0,
            `${subject}: the bytes are not an event stream (WHATWG HTML §9.2.5): ${violations.map((violation) => `line ${violation.line}: ${violation.message}`).join('; ')}`,
            sent(bytes),
          );
        },
      ),
    );
  },
};

export const sseResponseOneEventPerValue: Check = {
  requirement: 'SSE-018',
  title: 'sseResponse sends one event per yielded value, in order (async and sync iterables)',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(markedValues(), valueSource(), async (list, source) => {
        const iterable = source === 'async generator' ? yieldEach(list) : source === 'sync iterator' ? list[Symbol.iterator]() : [...list];
        const run = await runResponse(ctx, `sseResponse(${source} of ${list.length} value(s))`, (c) => c.sseResponse(iterable));
        const { events } = readOutput(run.body.bytes);
        expectOneEventPerValue(run.body.bytes, events, list.length, `sseResponse(${source} yielding ${fc.stringify(list)})`, 'yielded value');
      }),
    );
  },
};

/** A comment line reads back as `text` when it is `:text` or `: text`. */
function commentCarries(line: string, text: string): boolean {
  return line === text || line === ` ${text}`;
}

export const heartbeatComments: Check = {
  requirement: 'SSE-021',
  title: 'writeComment writes comment lines a client ignores',
  async run(ctx) {
    const runSteps = (steps: readonly CommentOrEvent[]) =>
      runManualStream(ctx, EVENT_STREAM, (stream, log) => {
        if (typeof stream.writeComment !== 'function') {
          throw new CheckUnimplemented('writeComment', 'the manual stream has no writeComment(text) (an optional capability, spec §2a): heartbeat comments not judged');
        }
        for (const item of steps) {
          if ('comment' in item) {
            const outcome = log.call(() => stream.writeComment!(item.comment), `writeComment("${escapeText(item.comment)}")`);
            if (outcome.threw) throw new Mismatch(`writeComment("${escapeText(item.comment)}") threw ${describeThrown(outcome.error)}`);
          } else {
            writeAll(stream, [item.event], log);
          }
        }
      });
    await checkProperty(
      ctx,
      fc.asyncProperty(commentsAndEvents(), async (steps) => {
        const subject = steps.map((item) => ('comment' in item ? `writeComment("${escapeText(item.comment)}")` : describeSseCall(item.event))).join(', ');
        const { body } = await runSteps(steps);
        const reading = readOutput(body.bytes);
        // The same writeSSE calls without the comments: what the comments must not change.
        const control = readOutput((await runSteps(steps.filter((item) => !('comment' in item)))).body.bytes);
        const written = reading.lines.flatMap((line) => (line.kind === 'comment' ? [line.text] : []));
        const comments = steps.flatMap((item) => ('comment' in item ? [item.comment.toWellFormed()] : []));
        // In order, among whatever comment lines the implementation writes of its own accord.
        let next = 0;
        for (const text of written) if (next < comments.length && commentCarries(text, comments[next]!)) next++;
        expectThat(
          next === comments.length,
          `${subject}: the comment lines read ${escapeText(JSON.stringify(written.map((text) => `:${text}`)))}; expected among them, in order, ${escapeText(JSON.stringify(comments.map((text) => `: ${text}`)))} (the first missing: ": ${escapeText(comments[next] ?? '')}")`,
          sent(body.bytes),
        );
        const strip = (events: readonly ClientEvent[]) => events.map(({ type, data, lastEventId }) => ({ type, data, lastEventId }));
        expectThat(
          JSON.stringify(strip(reading.events)) === JSON.stringify(strip(control.events)),
          `${subject}: with the comments a WHATWG client dispatches ${describeEvents(reading.events)}, without them ${describeEvents(control.events)}; a client must ignore comments`,
          sent(body.bytes),
        );
      }),
    );
  },
};
