/**
 * Checks of area GEN: generator responses (`streamResponse`, and the
 * iterables of `chunkedResponse` / `sseResponse`), guide "Async Generator
 * Streaming"; spec §2 (pulled, not drained; errors end the body in error).
 *
 * Each check judges its own rule (spec §2a): GEN-001/002 the values that
 * arrive (how the body ends is GEN-005's), GEN-005/006/007 how it ends and
 * whether every value came before the end (how a value is sent is the
 * content rule of its call: GEN-001, CHUNK-010, SSE-018), GEN-003 that a
 * synchronous iterable is sent as the same values from an async generator.
 */
import fc from 'fast-check';
import { awaitsBeforeYield, notIterableSource, plainYields, responseKind, syncShape, unsendableYield, yieldedBytes, yieldedTexts } from '../arbitraries/generators.ts';
import { asClientReadsIt } from '../arbitraries/text.ts';
import { describeError } from '../adapter/load.ts';
import { readBody, type ReadBody } from '../drive/body.ts';
import { bytesEqual, concatBytes, utf8 } from '../bytes/bytes.ts';
import { escapeBytes, escapeText } from '../bytes/escape.ts';
import { gate, startExchange, within } from '../drive/exchange.ts';
import { respondWithGenerator, type GeneratorResponseKind } from '../drive/generator-response.ts';
import { BODY_END_MS } from '../drive/judge.ts';
import { probeSource } from '../drive/probe-source.ts';
import { untilQuiet } from '../drive/settle.ts';
import { clientView, sameToClient } from '../oracles/event-stream.ts';
import type { RequirementId } from '../requirements/types.ts';
import { CheckBlocked, type Check, type CheckContext } from '../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

/** The requirement whose rule is how each call sends the values it is given (not how its body ends). */
const CONTENT_RULE: Record<GeneratorResponseKind, RequirementId> = {
  streamResponse: 'GEN-001',
  chunkedResponse: 'CHUNK-010',
  sseResponse: 'SSE-018',
};

/**
 * What arrived of the values a body should carry: all of them (exactly),
 * the first few only (the body ended early), all of them and more after
 * them, or something else (a value sent unlike its call sends it).
 */
type Arrived = { part: 'all' } | { part: 'first'; count: string } | { part: 'more' | 'other'; expected: string; actual: string };

function arrivedOf<T>(actual: readonly T[], expected: readonly T[], same: (a: T, b: T) => boolean, show: (items: readonly T[]) => string): Arrived {
  const prefix = actual.length <= expected.length && actual.every((item, index) => same(item, expected[index]!));
  if (prefix && actual.length === expected.length) return { part: 'all' };
  if (prefix) return { part: 'first', count: `${actual.length} of ${expected.length}` };
  const more = expected.length < actual.length && expected.every((item, index) => same(actual[index]!, item));
  return { part: more ? 'more' : 'other', expected: show(expected), actual: show(actual) };
}

/** Bytes compared as a sequence of single bytes (a prefix is the first bytes). */
function bytesArrived(actual: Uint8Array, expected: Uint8Array): Arrived {
  if (bytesEqual(actual, expected)) return { part: 'all' };
  if (actual.length < expected.length && bytesEqual(actual, expected.subarray(0, actual.length))) {
    return { part: 'first', count: `${actual.length} of ${expected.length} bytes` };
  }
  const more = expected.length < actual.length && bytesEqual(expected, actual.subarray(0, expected.length));
  return { part: more ? 'more' : 'other', expected: `"${escapeBytes(expected)}"`, actual: `"${escapeBytes(actual)}"` };
}

/** What arrived of `texts` as `kind` sends strings (UTF-8 as is; one event per text for SSE). */
function textsArrived(kind: GeneratorResponseKind, body: Uint8Array, texts: readonly string[]): Arrived {
  if (kind !== 'sseResponse') return bytesArrived(body, concatBytes(texts.map((text) => utf8(text))));
  const data = clientView(body).events.map((event) => event.data);
  const show = (items: readonly string[]): string => `${items.length} events with data ${describeTexts(items)}`;
  return arrivedOf(data, texts.map(asClientReadsIt), (a, b) => a === b, show);
}

function describeTexts(texts: readonly string[]): string {
  return `[${texts.map((text) => `"${escapeText(text)}"`).join(', ')}]`;
}

function endPhrase(body: ReadBody): string {
  if (body.end === 'timeout') return `did not end within ${BODY_END_MS} ms`;
  if (body.end === 'error') return `ended in error (${describeError(body.error)})`;
  return body.end === 'clean' ? 'ended normally' : 'had no body';
}

function readGeneratorBody(ctx: CheckContext, response: Response): Promise<ReadBody> {
  return readBody(response, { timeoutMs: BODY_END_MS, signal: ctx.signal });
}

/**
 * GEN-001/002: the values arrive. A body that carries every value and then
 * does not end normally, or carries the first ones and does not end, is
 * blocked by GEN-005 (how a body ends is its rule); a value sent wrong fails.
 */
function judgeValuesArrived(body: ReadBody, arrived: Arrived, what: string, kind: GeneratorResponseKind): void {
  const evidence = { sent: body.bytes, eventStream: kind === 'sseResponse' };
  if (body.end === 'no-body') throw new Mismatch(`${what}: the response has no body`, evidence);
  if (arrived.part === 'all' && body.end !== 'clean') {
    throw new CheckBlocked('GEN-005', `${what}: every value arrived, but the body then ${endPhrase(body)}: how the body ends is GEN-005's rule`);
  }
  if (arrived.part === 'first' && body.end === 'timeout') {
    throw new CheckBlocked('GEN-005', `${what}: the first ${arrived.count} arrived and the body ${endPhrase(body)}: how the body ends is GEN-005's rule`);
  }
  if (arrived.part === 'first') throw new Mismatch(`${what}: only the first ${arrived.count} arrived before the body ${endPhrase(body)}`, evidence);
  if (arrived.part === 'other' || arrived.part === 'more') throw new Mismatch(`${what}: the body should carry ${arrived.expected} but carries ${arrived.actual} (it ${endPhrase(body)})`, evidence);
}

/**
 * GEN-005: the body ends normally, after every value. A value sent otherwise
 * than its call sends values is that call's content rule ({@link
 * CONTENT_RULE}), which blocks the run; values missing at the end are this
 * rule's (the body ended before them).
 */
function judgeCleanEndAfterValues(body: ReadBody, arrived: Arrived, what: string, kind: GeneratorResponseKind): void {
  const evidence = { sent: body.bytes, eventStream: kind === 'sseResponse' };
  const rule = 'a generator that returns must end the body normally, after its last value';
  if (body.end !== 'clean') throw new Mismatch(`${what}: the body ${endPhrase(body)}; ${rule}`, evidence);
  if (arrived.part === 'first') throw new Mismatch(`${what}: the body ended after the first ${arrived.count} only; ${rule}`, evidence);
  if (arrived.part === 'other' || arrived.part === 'more') {
    throw new CheckBlocked(CONTENT_RULE[kind], `${what}: the body carries ${arrived.actual} where ${arrived.expected} were yielded: how ${kind} sends a value is ${CONTENT_RULE[kind]}'s rule`);
  }
}

/**
 * GEN-006/007: the body ends in error, after exactly what the implementation
 * sends for the values before the failure — `control` is its body for the
 * same values from a generator that returns instead (how values are sent is
 * not this rule's, so the implementation is its own model). Fewer bytes: the
 * values before were cut; more: something was sent for the failure itself.
 * GEN-007 judges only the unsendable value: values before it that were cut
 * are GEN-006's rule (`valuesBeforeRule`), which blocks the run.
 */
function judgeErrorEndAfterValues(
  body: ReadBody,
  control: ReadBody,
  what: string,
  kind: GeneratorResponseKind,
  rule: string,
  valuesBeforeRule?: RequirementId,
): void {
  const evidence = { sent: body.bytes, eventStream: kind === 'sseResponse' };
  if (body.end !== 'error') throw new Mismatch(`${what}: the body ${endPhrase(body)}; ${rule}`, evidence);
  if (kind === 'sseResponse' ? sameToClient(body.bytes, control.bytes) : bytesEqual(body.bytes, control.bytes)) return;
  const arrived = bytesArrived(body.bytes, control.bytes);
  if (arrived.part === 'first' && valuesBeforeRule !== undefined) {
    throw new CheckBlocked(
      valuesBeforeRule,
      `${what}: the body ended in error after only the first ${arrived.count} of what the values before the failure give: that they arrive before an error end is ${valuesBeforeRule}'s rule`,
    );
  }
  const detail =
    arrived.part === 'first' ? `only the first ${arrived.count}` : arrived.part === 'all' ? 'the same bytes, read differently' : `${arrived.actual}, not ${arrived.expected}`;
  throw new Mismatch(
    `${what}: before its error the body carries ${detail} — what the same values from a generator that returns give (the body ${endPhrase(control)}); ${rule}`,
    evidence,
  );
}

/** The body the implementation sends for `values` from a generator that returns (GEN-006/007's control run). */
async function controlBody(ctx: CheckContext, kind: GeneratorResponseKind, values: readonly unknown[], awaits = 0): Promise<ReadBody> {
  const control = probeSource({ value: (index) => values[index], count: values.length, awaitsBeforeYield: awaits });
  const ex = await respondWithGenerator(ctx.adapter, kind, control.iterable, control.description);
  return readGeneratorBody(ctx, ex.response);
}

/** GEN-001: yielded strings arrive as UTF-8, in order. */
const yieldedTextsArrive: Check = {
  requirement: 'GEN-001',
  title: 'streamResponse sends each yielded string as its UTF-8 bytes, in order',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(yieldedTexts(), awaitsBeforeYield(), async (texts, awaits) => {
        const probe = probeSource({ value: (index) => texts[index]!, count: texts.length, awaitsBeforeYield: awaits });
        const what = `streamResponse(${probe.description} yielding ${describeTexts(texts)})`;
        const ex = await respondWithGenerator(ctx.adapter, 'streamResponse', probe.iterable, probe.description);
        const body = await readGeneratorBody(ctx, ex.response);
        judgeValuesArrived(body, textsArrived('streamResponse', body.bytes, texts), what, 'streamResponse');
      }),
    ),
};

/** GEN-002: yielded bytes arrive unchanged, in order. */
const yieldedBytesArrive: Check = {
  requirement: 'GEN-002',
  title: 'streamResponse sends each yielded Uint8Array byte for byte, in order',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(yieldedBytes(), awaitsBeforeYield(), async (chunks, awaits) => {
        const expected = concatBytes(chunks.map((chunk) => Uint8Array.from(chunk)));
        const probe = probeSource({ value: (index) => chunks[index]!, count: chunks.length, awaitsBeforeYield: awaits });
        const what = `streamResponse(${probe.description} yielding ${fc.stringify(chunks)})`;
        const ex = await respondWithGenerator(ctx.adapter, 'streamResponse', probe.iterable, probe.description);
        const body = await readGeneratorBody(ctx, ex.response);
        judgeValuesArrived(body, bytesArrived(body.bytes, expected), what, 'streamResponse');
      }),
    ),
};

/** GEN-003 (SHOULD): arrays and sync generators work for all three calls. */
const syncIterablesAccepted: Check = {
  requirement: 'GEN-003',
  title: 'streamResponse, chunkedResponse and sseResponse accept arrays and sync generators',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(responseKind(), syncShape(), plainYields({ maxLength: 4 }), async (kind, shape, texts) => {
        const probe = probeSource({ value: (index) => texts[index]!, count: texts.length, shape });
        const control = probeSource({ value: (index) => texts[index]!, count: texts.length });
        const what = `${kind}(${probe.description} of ${describeTexts(texts)})`;
        const body = await readGeneratorBody(ctx, (await respondWithGenerator(ctx.adapter, kind, probe.iterable, probe.description)).response);
        const asAsync = await readGeneratorBody(ctx, (await respondWithGenerator(ctx.adapter, kind, control.iterable, control.description)).response);
        const same = kind === 'sseResponse' ? sameToClient(body.bytes, asAsync.bytes) : bytesEqual(body.bytes, asAsync.bytes);
        expectThat(
          same && body.end === asAsync.end,
          `${what}: the body is "${escapeBytes(body.bytes)}" and ${endPhrase(body)}, but the same values from ${control.description} give "${escapeBytes(asAsync.bytes)}" and the body ${endPhrase(asAsync)}: a synchronous iterable should be sent as the same values from an async generator`,
          { sent: body.bytes, eventStream: kind === 'sseResponse' },
        );
      }),
    ),
};

/** Six ASCII bytes per value, so values read can be counted from the bytes. */
function counterValue(index: number): string {
  return String(index).padStart(6, '0');
}

function valuesRead(kind: GeneratorResponseKind, bytes: Uint8Array): number {
  if (kind === 'sseResponse') return clientView(bytes).events.length;
  return Math.floor(bytes.length / 6);
}

/**
 * How many values the generator may run ahead of what the client read
 * (GEN-004): a bounded read-ahead is allowed (Node's `Readable.from` alone
 * reads 16 values ahead, and each stream stage adds its queue); a drain is
 * not, and goes past this within the turns the check waits for.
 */
export const AHEAD_BOUND = 256;
/** Macrotask turns the check waits for the pulls to stop (a drain pulls about one value a turn, or more). */
const QUIET_MAX_TURNS = 2_000;

/**
 * The bytes of a chunk a body stream delivered, for counting values: bytes
 * copied (an implementation may reuse its buffer), strings as their UTF-8
 * (some in-process bridges hand over text), any other view as its bytes.
 * Undefined for anything else.
 */
function chunkBytes(value: unknown): Uint8Array | undefined {
  if (typeof value === 'string') return utf8(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  return undefined;
}

/** GEN-004: the generator is pulled a bounded number of values ahead of the client, not drained. */
const pulledNotDrained: Check = {
  requirement: 'GEN-004',
  title: `an endless generator is pulled at most ${AHEAD_BOUND} values ahead of what the client read, not drained`,
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(responseKind(), fc.nat({ max: 5 }), async (kind, wanted) => {
        const probe = probeSource({ value: counterValue, yieldToEventLoop: true });
        const subject = `${kind}(${probe.description})`;
        const ex = await respondWithGenerator(ctx.adapter, kind, probe.iterable, probe.description);
        const reader = ex.response.body?.getReader();
        if (reader === undefined) throw new Mismatch(`${subject} has no body`);
        const chunks: Uint8Array[] = [];
        const read = (): number => valuesRead(kind, concatBytes(chunks));
        try {
          while (read() < wanted) {
            const result = await within(reader.read(), 1000, 'a read').catch((error: unknown) => {
              throw new Mismatch(`${subject}: reading value ${read() + 1} failed: ${describeError(error)} (the generator was pulled ${probe.pulls} times so far)`);
            });
            if (result.done) throw new Mismatch(`${subject}: the body ended after ${read()} values, though the generator never ends`);
            const bytes = chunkBytes(result.value);
            if (bytes === undefined) {
              throw new Mismatch(`${subject}: the body delivered ${Object.prototype.toString.call(result.value)}, not bytes, so the values read cannot be counted (the generator was pulled ${probe.pulls} times so far)`);
            }
            chunks.push(bytes);
          }
          const pulls = await untilQuiet(() => probe.pulls, { maxTurns: QUIET_MAX_TURNS });
          const values = read();
          const bound = values + AHEAD_BOUND;
          expectThat(
            pulls <= bound,
            `${subject}: the client read ${values} values and stopped, but the generator was asked for ${pulls} values; at most ${bound} (${values} read + ${AHEAD_BOUND} ahead) are allowed: a generator drained for a client that does not read grows memory without bound`,
            { sent: concatBytes(chunks), eventStream: kind === 'sseResponse' },
          );
        } finally {
          await reader.cancel().catch(() => {});
        }
      }),
    ),
};

/** GEN-005: a generator that returns ends the body normally after its last value. */
const finishedGeneratorEndsCleanly: Check = {
  requirement: 'GEN-005',
  title: 'a generator that returns ends the body normally after its last value (empty: empty body)',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(responseKind(), plainYields({ maxLength: 5 }), awaitsBeforeYield(), async (kind, texts, awaits) => {
        const probe = probeSource({ value: (index) => texts[index]!, count: texts.length, awaitsBeforeYield: awaits });
        const what = `${kind}(${probe.description} yielding ${describeTexts(texts)})`;
        const ex = await respondWithGenerator(ctx.adapter, kind, probe.iterable, probe.description);
        const body = await readGeneratorBody(ctx, ex.response);
        judgeCleanEndAfterValues(body, textsArrived(kind, body.bytes, texts), what, kind);
      }),
    ),
};

/** GEN-006: a generator that throws ends the body in error, after the values it yielded. */
const throwingGeneratorEndsInError: Check = {
  requirement: 'GEN-006',
  title: 'a generator that throws after k values ends the body in error after those k values',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(responseKind(), plainYields({ maxLength: 4 }), awaitsBeforeYield(), async (kind, texts, awaits) => {
        const probe = probeSource({ value: (index) => texts[index]!, throwAt: texts.length, awaitsBeforeYield: awaits });
        const what = `${kind}(${probe.description}, yielding ${describeTexts(texts)} first)`;
        const ex = await respondWithGenerator(ctx.adapter, kind, probe.iterable, probe.description);
        const body = await readGeneratorBody(ctx, ex.response);
        const control = await controlBody(ctx, kind, texts, awaits);
        judgeErrorEndAfterValues(body, control, what, kind, 'after the generator threw the body must end in error (read() rejects), after the values yielded before, so a client can tell it was cut short');
      }),
    ),
};

/** GEN-007 (SHOULD): a value streamResponse cannot send ends the body in error, not stringified. */
const unsendableValueEndsInError: Check = {
  requirement: 'GEN-007',
  title: 'streamResponse ends the body in error on a yielded value that is not text or binary data',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(plainYields({ maxLength: 3 }), unsendableYield(), async (texts, bad) => {
        const values: unknown[] = [...texts, bad.value];
        const probe = probeSource({ value: (index) => values[index], count: values.length });
        const what = `streamResponse(${probe.description} yielding ${describeTexts(texts)} then ${bad.label})`;
        const ex = await respondWithGenerator(ctx.adapter, 'streamResponse', probe.iterable, probe.description);
        const body = await readGeneratorBody(ctx, ex.response);
        const control = await controlBody(ctx, 'streamResponse', texts);
        judgeErrorEndAfterValues(
          body,
          control,
          what,
          'streamResponse',
          'a value that is neither text nor bytes must end the body in error rather than be sent (stringified or otherwise)',
          'GEN-006',
        );
      }),
    ),
};

/** GEN-008: a source that is not iterable is a TypeError at the call. */
const notIterableRefused: Check = {
  requirement: 'GEN-008',
  title: 'streamResponse, chunkedResponse and sseResponse throw a TypeError at the call for a source that is not iterable',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(responseKind(), notIterableSource(), async (kind, { label, source }) => {
        const outcome = gate<{ threw: boolean; error?: unknown }>();
        const pending = startExchange(ctx.adapter, async (c) => {
          let made: unknown;
          try {
            made = c[kind](source);
          } catch (error) {
            outcome.open({ threw: true, error });
            return new Response('refused');
          }
          // A promise of a response may reject with the TypeError instead: the call still refused it.
          try {
            const response = await made;
            outcome.open({ threw: false });
            return response as Response;
          } catch (error) {
            outcome.open({ threw: true, error });
            return new Response('refused');
          }
        });
        void pending.response.then(
          (response) => response.body?.cancel().catch(() => {}),
          () => {},
        );
        const call = `${kind}(${label})`;
        const result = await within(outcome.promise, 2500, call).catch(() => undefined);
        if (result === undefined) throw new Mismatch(`${call} neither returned nor threw within 2.5 s; a source that is not iterable must throw a TypeError at the call`);
        if (!result.threw) throw new Mismatch(`${call} gave a response; a source that is not iterable must throw a TypeError at the call, not a body that fails when read`);
        expectThat(result.error instanceof TypeError, `${call} threw ${describeError(result.error)}, not a TypeError`);
      }),
    ),
};

export const genChecks: Check[] = [
  yieldedTextsArrive,
  yieldedBytesArrive,
  syncIterablesAccepted,
  pulledNotDrained,
  finishedGeneratorEndsCleanly,
  throwingGeneratorEndsInError,
  unsendableValueEndsInError,
  notIterableRefused,
];
