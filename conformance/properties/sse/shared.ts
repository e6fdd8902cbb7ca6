/**
 * What the SSE checks share: how they make an event stream (the calls on a
 * manual stream, or `sseResponse` of a generator), send one value alone, and
 * read what a WHATWG client dispatches from it.
 */
import fc from 'fast-check';
import { describeSseCall, type SseCall, type SseFieldsInput, type SseVia } from '../../arbitraries/sse-options.ts';
import type { ManualStreamUnderTest } from '../../adapter/under-test.ts';
import { escapeText } from '../../bytes/escape.ts';
import { CallLog, describeThrown } from '../../drive/attempt.ts';
import { describeEvents } from '../../drive/judge-event-stream.ts';
import { runManualStream, runResponse, yieldEach, type StreamRun } from '../../drive/stream-run.ts';
import { readEventStream, type DispatchedEvent, type EventStreamReading } from '../../oracles/event-stream.ts';
import type { CheckContext } from '../../runner/check.ts';
import { expectThat, Mismatch } from '../../runner/property.ts';

export const EVENT_STREAM = { contentType: 'text/event-stream' } as const;

/** Evidence for a failure: the bytes, shown with how a client reads them. */
export const sent = (bytes: Uint8Array) => ({ sent: bytes, eventStream: true });

/** Makes every call on `stream` (through `log`, not awaited); a valid call that throws fails the run. */
export function writeAll(stream: ManualStreamUnderTest, calls: readonly SseCall[], log: CallLog): void {
  for (const call of calls) {
    const outcome = log.call(() => (call.options === undefined ? stream.writeSSE(call.data) : stream.writeSSE(call.data, call.options)), describeSseCall(call));
    if (outcome.threw) throw new Mismatch(`${describeSseCall(call)} threw ${describeThrown(outcome.error)}; it is a valid call`);
  }
}

/** The calls on a manual event stream, then close(): the run. */
export function runWriteSse(ctx: CheckContext, calls: readonly SseCall[]): Promise<StreamRun<void>> {
  return runManualStream(ctx, EVENT_STREAM, (stream, log) => writeAll(stream, calls, log));
}

/** `sseResponse` over an async generator yielding `values`. */
export function runSseResponse(ctx: CheckContext, values: readonly unknown[], options?: Record<string, unknown>): Promise<StreamRun<undefined>> {
  const what = `sseResponse(generator of ${values.length} value(s)${options === undefined ? '' : `, ${fc.stringify(options)}`})`;
  return runResponse(ctx, what, (c) => (options === undefined ? c.sseResponse(yieldEach(values)) : c.sseResponse(yieldEach(values), options)));
}

export function subjectOf(calls: readonly SseCall[]): string {
  return calls.length === 0 ? 'no writeSSE call' : calls.map(describeSseCall).join(', ');
}

export function shownValue(data: unknown): string {
  return typeof data === 'string' ? `"${escapeText(data)}"` : escapeText(fc.stringify(data));
}

/**
 * Sends one value alone: `writeSSE(data, fields)` on a fresh manual stream,
 * or `sseResponse` yielding `data` (with `fields.event` as its option).
 */
export async function sendOne(ctx: CheckContext, how: SseVia, data: unknown, fields?: SseFieldsInput): Promise<{ bytes: Uint8Array; subject: string }> {
  if (how === 'writeSSE') {
    const call: SseCall = fields === undefined ? { data } : { data, options: fields };
    const run = await runWriteSse(ctx, [call]);
    return { bytes: run.body.bytes, subject: describeSseCall(call) };
  }
  const options = fields?.event === undefined ? undefined : { event: fields.event };
  const run = await runSseResponse(ctx, [data], options);
  return { bytes: run.body.bytes, subject: `sseResponse yielding ${shownValue(data)}${options === undefined ? '' : ` with ${fc.stringify(options)}`}` };
}

/**
 * What the output of one call means to a client: the events it dispatches,
 * read as if the stream ended on an event boundary (ending it is SSE-015's).
 */
export function readOutput(bytes: Uint8Array, lastEventId = ''): EventStreamReading {
  return readEventStream(bytes, { atEnd: 'dispatch', lastEventId });
}

/** Fails unless one call's output dispatched exactly one event; returns it. */
export function theOneEvent(bytes: Uint8Array, events: readonly DispatchedEvent[], subject: string, judged: string): DispatchedEvent {
  expectThat(
    events.length === 1,
    `${subject}: a WHATWG client dispatched ${events.length} event(s) for this one call (${describeEvents(events)}), so its ${judged} cannot be read; expected one event`,
    sent(bytes),
  );
  return events[0]!;
}

/** The last event ID a client already holds when an SSE-011 run starts (so an id-less call must leave it). */
export const PRIOR_ID = 'prior-id';
