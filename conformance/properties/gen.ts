/**
 * Checks of area GEN: generator responses (`streamResponse`, and the
 * iterables of `chunkedResponse` / `sseResponse`), guide "Async Generator
 * Streaming"; spec §2 (pulled, not drained; errors end the body in error).
 */
import fc from 'fast-check';
import { awaitsBeforeYield, notIterableSource, plainYields, responseKind, syncShape, unsendableYield, yieldedBytes, yieldedTexts } from '../arbitraries/generators.ts';
import { asClientReadsIt } from '../arbitraries/text.ts';
import { describeError } from '../adapter/load.ts';
import { readBody } from '../drive/body.ts';
import { concatBytes, utf8 } from '../bytes/bytes.ts';
import { escapeText } from '../bytes/escape.ts';
import { gate, startExchange, within } from '../drive/exchange.ts';
import { respondWithGenerator, type GeneratorResponseKind } from '../drive/generator-response.ts';
import { BODY_END_MS, expectBytes, readEndedBody } from '../drive/judge.ts';
import { probeSource } from '../drive/probe-source.ts';
import { untilQuiet } from '../drive/settle.ts';
import { clientView } from '../oracles/event-stream.ts';
import type { Check } from '../runner/check.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

/** The body must carry `texts`, one value each, as `kind` sends strings (UTF-8 as is; one event per text for SSE). */
function expectTexts(kind: GeneratorResponseKind, body: Uint8Array, texts: readonly string[], what: string): void {
  if (kind !== 'sseResponse') {
    expectBytes(body, concatBytes(texts.map((text) => utf8(text))), what);
    return;
  }
  const data = clientView(body).events.map((event) => event.data);
  const expected = texts.map(asClientReadsIt);
  const same = data.length === expected.length && data.every((item, index) => item === expected[index]);
  expectThat(
    same,
    `${what}: a client should read ${expected.length} events with data [${expected.map((text) => `"${escapeText(text)}"`).join(', ')}], but reads [${data.map((text) => `"${escapeText(text)}"`).join(', ')}]`,
    { sent: body, eventStream: true },
  );
}

function describeTexts(texts: readonly string[]): string {
  return `[${texts.map((text) => `"${escapeText(text)}"`).join(', ')}]`;
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
        const body = await readEndedBody(ctx, ex.response, `${what} returned`);
        expectTexts('streamResponse', body.bytes, texts, what);
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
        const body = await readEndedBody(ctx, ex.response, `${what} returned`);
        expectBytes(body.bytes, expected, what);
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
        const what = `${kind}(${probe.description} of ${describeTexts(texts)})`;
        const ex = await respondWithGenerator(ctx.adapter, kind, probe.iterable, probe.description);
        const body = await readEndedBody(ctx, ex.response, `${what} (a synchronous iterable) ended`, { eventStream: kind === 'sseResponse' });
        expectTexts(kind, body.bytes, texts, what);
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
        const body = await readEndedBody(ctx, ex.response, `the generator of ${what} returned`, { eventStream: kind === 'sseResponse' });
        expectTexts(kind, body.bytes, texts, what);
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
        const body = await readBody(ex.response, { timeoutMs: BODY_END_MS, signal: ctx.signal });
        const evidence = { sent: body.bytes, eventStream: kind === 'sseResponse' };
        if (body.end === 'timeout') throw new Mismatch(`${what}: the body did not end within ${BODY_END_MS} ms after the generator threw`, evidence);
        expectThat(
          body.end === 'error',
          `${what}: the body ended ${body.end === 'clean' ? 'normally' : `as ${body.end}`} after the generator threw; it must end in error (read() rejects) so a client can tell it was cut short`,
          evidence,
        );
        expectTexts(kind, body.bytes, texts, `${what}, before the error`);
      }),
    ),
};

/** GEN-007 (SHOULD): a value streamResponse cannot send ends the body in error, not stringified. */
const unsendableValueEndsInError: Check = {
  requirement: 'GEN-007',
  title: 'streamResponse ends the body in error on a yielded value that is neither a string nor a Uint8Array',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(plainYields({ maxLength: 3 }), unsendableYield(), async (texts, bad) => {
        const values: unknown[] = [...texts, bad.value];
        const probe = probeSource({ value: (index) => values[index], count: values.length });
        const what = `streamResponse(${probe.description} yielding ${describeTexts(texts)} then ${bad.label})`;
        const ex = await respondWithGenerator(ctx.adapter, 'streamResponse', probe.iterable, probe.description);
        const body = await readBody(ex.response, { timeoutMs: BODY_END_MS, signal: ctx.signal });
        if (body.end === 'timeout') throw new Mismatch(`${what}: the body did not end within ${BODY_END_MS} ms`, { sent: body.bytes });
        expectThat(
          body.end === 'error',
          `${what}: the body ended ${body.end === 'clean' ? 'normally' : `as ${body.end}`}; a value that is not text or bytes must end it in error rather than be sent stringified`,
          { sent: body.bytes },
        );
        expectTexts('streamResponse', body.bytes, texts, `${what}, before the error`);
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
