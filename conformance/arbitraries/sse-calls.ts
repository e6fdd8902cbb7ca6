/**
 * What the SSE checks (SSE-004..022) write: sequences of `writeSSE` calls,
 * the values an `sseResponse` generator yields, and the options beside
 * them, each chosen so that its check judges one rule (see
 * `sse-isolated.ts`).
 */
import fc from 'fast-check';
import { asciiJsonValue, asciiLine, asciiMultiline, marker, plainLine, plainLines } from './sse-isolated.ts';
import { sseEventFields, sseEventType, type SseCall, type SseFieldsInput } from './sse-options.ts';
import { lineSafeText } from './text.ts';
import { validRetry } from './values.ts';

/** Calls whose data carries their 1-based position (`[#2] ...`): plain ASCII lines joined by LF, never empty. */
export function markedCalls(options: { maxLength: number; fields?: fc.Arbitrary<SseFieldsInput | undefined> }): fc.Arbitrary<SseCall[]> {
  return fc
    .array(fc.tuple(plainLines(), options.fields ?? fc.constant(undefined)), { maxLength: options.maxLength })
    .map((list) => list.map(([text, fields], index): SseCall => {
      const data = `${marker(index + 1)} ${text}`;
      return fields === undefined ? { data } : { data, options: fields };
    }));
}

/** Values yielded to `sseResponse` (SSE-018), each carrying its 1-based marker: a string, or an array (sent as JSON). */
export function markedValues(): fc.Arbitrary<unknown[]> {
  return fc
    .array(fc.tuple(plainLines(), fc.boolean()), { maxLength: 6 })
    .map((list) => list.map(([text, asArray], index): unknown => (asArray ? [marker(index + 1), text] : `${marker(index + 1)} ${text}`)));
}

/** What `sseResponse` is given (SSE-018): an async generator, a sync iterator, or an array. */
export function valueSource(): fc.Arbitrary<'async generator' | 'sync iterator' | 'array'> {
  return fc.constantFrom('async generator', 'sync iterator', 'array');
}

/** Valid calls around a refused one: plain data, no options (their own rules are other checks'). */
export function plainCalls(): fc.Arbitrary<SseCall[]> {
  return fc.array(plainLine().map((data): SseCall => ({ data })), { maxLength: 2 });
}

/** Values yielded to `sseResponse` whose options are judged (SSE-019, SSE-020): 1 to 5 plain lines. */
export function plainValues(): fc.Arbitrary<string[]> {
  return fc.array(plainLine(), { minLength: 1, maxLength: 5 });
}

/** An optional short id beside the event option of SSE-010. */
export function optionalShortId(): fc.Arbitrary<string | undefined> {
  return fc.option(lineSafeText({ maxLength: 6 }), { nil: undefined });
}

/** The id option of SSE-011: none (most often), the empty string, or a valid id. */
export function optionalId(): fc.Arbitrary<string | undefined> {
  return fc.option(fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 4, arbitrary: lineSafeText({ maxLength: 10 }) }), { nil: undefined, freq: 4 });
}

/** An optional valid event type. */
export function optionalSseEventType(): fc.Arbitrary<string | undefined> {
  return fc.option(sseEventType(), { nil: undefined });
}

/** An optional valid retry. */
export function optionalRetry(): fc.Arbitrary<number | undefined> {
  return fc.option(validRetry(), { nil: undefined });
}

/** An ASCII call (data, event, id, retry): what SSE-015 writes, so non-ASCII (SSE-017's) plays no part. */
export function asciiCall(): fc.Arbitrary<SseCall> {
  const data = fc.oneof(asciiMultiline(), asciiLine(), fc.constant(''), asciiJsonValue());
  const fields = fc.option(fc.record({ event: asciiLine().map((t) => t.replace(/[\r\n]/g, '')), id: plainLine({ minLength: 0 }), retry: validRetry() }, { requiredKeys: [] }), {
    nil: undefined,
  });
  return fc.record({ data, options: fields }).map(({ data: d, options }) => (options === undefined ? { data: d } : { data: d, options }));
}

/** The calls of an SSE-015 run: up to 6 {@link asciiCall}s. */
export function asciiCalls(): fc.Arbitrary<SseCall[]> {
  return fc.array(asciiCall(), { maxLength: 6 });
}

/** The `sseResponse` options of an SSE-015 run: optional plain `event` and valid `retry`. */
export function plainResponseOptions(): fc.Arbitrary<{ event?: string; retry?: number }> {
  return fc.record({ event: plainLine(), retry: validRetry() }, { requiredKeys: [] });
}

/** The fields beside data that looks like SSE fields (SSE-016): none, or both an event type and a short id. */
export function fieldsBesideLookalike(): fc.Arbitrary<{ event: string; id: string } | undefined> {
  return fc.option(fc.record({ event: sseEventType(), id: lineSafeText({ maxLength: 6 }) }), { nil: undefined });
}

/** One step of an SSE-021 run: a comment (`writeComment`) or a plain event. */
export type CommentOrEvent = { comment: string } | { event: SseCall };

/** The steps of an SSE-021 run: 1 to 6 comments and plain events, in any order. */
export function commentsAndEvents(): fc.Arbitrary<CommentOrEvent[]> {
  const step = fc.oneof(
    lineSafeText({ withNul: true, maxLength: 10 }).map((comment): CommentOrEvent => ({ comment })),
    plainLine().map((data): CommentOrEvent => ({ event: { data } })),
  );
  return fc.array(step, { minLength: 1, maxLength: 6 });
}

/** Calls for SSE-022: plain data (what a client reads from any data is the other checks' business), optional event and id. */
export function clientCalls(): fc.Arbitrary<SseCall[]> {
  return fc.array(
    fc.record({ data: plainLines(), options: sseEventFields() }).map(({ data, options }): SseCall => (options === undefined ? { data } : { data, options })),
    { minLength: 1, maxLength: 4 },
  );
}
