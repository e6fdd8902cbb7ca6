/**
 * The fields beside the data (SSE-010..014, SSE-019, SSE-020): the event
 * type, the last event id, the reconnection time, each sent as given and
 * refused when it would inject fields; `sseResponse`'s event option on every
 * event, its retry once before the first.
 */
import fc from 'fast-check';
import { optionalId, optionalRetry, optionalSseEventType, optionalShortId, plainCalls, plainValues } from '../../arbitraries/sse-calls.ts';
import { plainLine } from '../../arbitraries/sse-isolated.ts';
import { sseEventFields, sseEventType, type SseFieldsInput } from '../../arbitraries/sse-options.ts';
import { validRetry } from '../../arbitraries/values.ts';
import { escapeText } from '../../bytes/escape.ts';
import { describeEvents } from '../../drive/judge-event-stream.ts';
import { expectRefusedCall } from '../../drive/refused-call.ts';
import type { Check } from '../../runner/check.ts';
import { checkProperty, expectThat } from '../../runner/property.ts';
import { EVENT_STREAM, PRIOR_ID, readOutput, runSseResponse, sendOne, sent, theOneEvent, writeAll } from './shared.ts';

export const eventSetsType: Check = {
  requirement: 'SSE-010',
  title: 'the event option sets the dispatched event type',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(plainLine(), sseEventType(), optionalShortId(), async (data, event, id) => {
        const options = id === undefined ? { event } : { event, id };
        const { bytes, subject } = await sendOne(ctx, 'writeSSE', data, options);
        const dispatched = theOneEvent(bytes, readOutput(bytes).events, subject, 'type');
        const expected = event === '' ? 'message' : event.toWellFormed();
        expectThat(
          dispatched.type === expected,
          `${subject}: a WHATWG client dispatches the type "${escapeText(dispatched.type)}", expected "${escapeText(expected)}"${event === '' ? ' (an empty type is "message")' : ''}`,
          sent(bytes),
        );
      }),
    );
  },
};

export const idSetsLastEventId: Check = {
  requirement: 'SSE-011',
  title: 'the id option sets the last event id; a call without one leaves it',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(plainLine(), optionalId(), optionalSseEventType(), async (data, idValue, event) => {
        const options: SseFieldsInput = { ...(event === undefined ? {} : { event }), ...(idValue === undefined ? {} : { id: idValue }) };
        const { bytes, subject } = await sendOne(ctx, 'writeSSE', data, options);
        const dispatched = theOneEvent(bytes, readOutput(bytes, PRIOR_ID).events, subject, 'lastEventId');
        const expected = idValue === undefined ? PRIOR_ID : idValue.toWellFormed();
        expectThat(
          dispatched.lastEventId === expected,
          `${subject}, read by a client whose last event ID was "${PRIOR_ID}": the event's lastEventId is "${escapeText(dispatched.lastEventId)}", expected "${escapeText(expected)}"${idValue === undefined ? ' (a call without id must not send one)' : ''}`,
          sent(bytes),
        );
      }),
    );
  },
};

/** A writeSSE whose `options[field]` is forbidden: TypeError, nothing written. */
export function refusedFieldCheck(requirement: 'SSE-012' | 'SSE-013' | 'SSE-014', title: string, field: 'event' | 'id' | 'retry', bad: fc.Arbitrary<unknown>, rule: string): Check {
  return {
    requirement,
    title,
    async run(ctx) {
      await checkProperty(
        ctx,
        fc.asyncProperty(plainCalls(), plainLine(), bad, plainCalls(), async (before, data, value, after) => {
          const options = { [field]: value };
          await expectRefusedCall(ctx, EVENT_STREAM, {
            before: (stream, log) => writeAll(stream, before, log),
            call: (stream) => stream.writeSSE(data, options),
            after: (stream, log) => writeAll(stream, after, log),
            what: `writeSSE("${escapeText(data)}", { ${field}: ${typeof value === 'string' ? `"${escapeText(value)}"` : fc.stringify(value)} })`,
            rule,
            eventStream: true,
          });
        }),
      );
    },
  };
}

export const retrySent: Check = {
  requirement: 'SSE-014',
  title: 'a non-negative integer retry is sent as retry: <digits> and sets the reconnection time',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(plainLine(), validRetry(), sseEventFields(), async (data, retry, fields) => {
        const { bytes, subject } = await sendOne(ctx, 'writeSSE', data, { ...fields, retry });
        const retries = readOutput(bytes).retries.map((setting) => setting.value);
        expectThat(
          retries.length === 1 && retries[0] === retry,
          `${subject}: a WHATWG client took the reconnection times ${JSON.stringify(retries)}, expected [${retry}]`,
          sent(bytes),
        );
      }),
    );
  },
};

export const sseResponseEventOption: Check = {
  requirement: 'SSE-019',
  title: 'sseResponse event option applies to each event',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(plainValues(), sseEventType(), optionalRetry(), async (values, event, retry) => {
        const options = retry === undefined ? { event } : { event, retry };
        const run = await runSseResponse(ctx, values, options);
        const subject = `sseResponse yielding ${fc.stringify(values)} with ${fc.stringify(options)}`;
        const { events } = readOutput(run.body.bytes);
        const expected = event === '' ? 'message' : event.toWellFormed();
        expectThat(events.length > 0, `${subject}: a WHATWG client dispatched no event, so no type can be read`, sent(run.body.bytes));
        const wrong = events.find((dispatched) => dispatched.type !== expected);
        expectThat(
          wrong === undefined,
          `${subject}: an event has the type "${escapeText(wrong?.type ?? '')}", expected "${escapeText(expected)}" for every event: ${describeEvents(events)}`,
          sent(run.body.bytes),
        );
      }),
    );
  },
};

export const sseResponseRetryFirst: Check = {
  requirement: 'SSE-020',
  title: 'sseResponse retry option is sent once, before the first event',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(plainValues(), validRetry(), optionalSseEventType(), async (values, retry, event) => {
        const options = event === undefined ? { retry } : { retry, event };
        const { body } = await runSseResponse(ctx, values, options);
        const subject = `sseResponse yielding ${fc.stringify(values)} with ${fc.stringify(options)}`;
        const reading = readOutput(body.bytes);
        const retries = reading.retries.map((setting) => setting.value);
        expectThat(
          retries.length === 1 && retries[0] === retry,
          `${subject}: a WHATWG client took the reconnection times ${JSON.stringify(retries)}, expected exactly [${retry}]`,
          sent(body.bytes),
        );
        const first = reading.events[0];
        expectThat(
          first === undefined || reading.retries[0]!.line < first.line,
          `${subject}: the retry field (line ${reading.retries[0]!.line}) comes after the first event is dispatched (line ${first?.line})`,
          sent(body.bytes),
        );
      }),
    );
  },
};
