/**
 * The GEN checks: they pass on the reference, and each fails on an app that
 * breaks its requirement (the reference wrapped to get one thing wrong).
 */
import { describe, it } from 'vitest';
import { genChecks } from '../../conformance/properties/gen.ts';
import { breakReference, type BrokenContext } from '../broken/break.ts';
import { iteratorOf } from '../broken/sources.ts';
import { readAhead } from '../wire/read-ahead.ts';
import { expectFail, expectPass, pick, reference, resolved } from './stream-area-harness.ts';

describe('GEN checks on the reference', () => {
  for (const check of genChecks) {
    it(`[${check.requirement}] ${check.title}`, async () => {
      await expectPass(check, await reference(), 100);
    });
  }
});

/** An async iterable over `source` whose `next()` results pass through `edit` (return() forwarded). */
function editedSource(
  source: unknown,
  edit: (next: () => Promise<IteratorResult<unknown>>) => Promise<IteratorResult<unknown>>,
): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const edited: AsyncIterator<unknown> = {
    next: () => edit(async () => iterator.next()),
    return: async () => {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => edited };
}

function streamResponseVia(edit: (source: unknown) => unknown) {
  return (ctx: BrokenContext): BrokenContext => ({ ...ctx, streamResponse: (iterable, options) => ctx.streamResponse(edit(iterable), options) });
}

function allResponsesVia(edit: (source: unknown) => unknown) {
  return (ctx: BrokenContext): BrokenContext => ({
    ...ctx,
    streamResponse: (iterable, options) => ctx.streamResponse(edit(iterable), options),
    chunkedResponse: (chunks, options) => ctx.chunkedResponse(edit(chunks), options),
    sseResponse: (iterable, options) => ctx.sseResponse(edit(iterable), options),
  });
}

const mapValues = (map: (value: unknown) => unknown) => (source: unknown) =>
  editedSource(source, async (next) => {
    const result = await next();
    return result.done ? result : { done: false, value: map(result.value) };
  });

describe('GEN checks on broken apps', () => {
  it('[GEN-001] fails when each yielded string gets a newline', async () => {
    const broken = breakReference({
      name: 'gen-string-newline',
      breaks: 'GEN-001',
      wrapContext: streamResponseVia(mapValues((value) => (typeof value === 'string' ? `${value}\n` : value))),
    });
    await expectFail(pick(genChecks, 'GEN-001'), await resolved(broken), /the body should carry/);
  });

  it('[GEN-002] fails when yielded bytes are decoded as text', async () => {
    const broken = breakReference({
      name: 'gen-bytes-as-text',
      breaks: 'GEN-002',
      wrapContext: streamResponseVia(mapValues((value) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : value))),
    });
    await expectFail(pick(genChecks, 'GEN-002'), await resolved(broken), /the body should carry/);
  });

  it('[GEN-003] fails when sync iterables are refused', async () => {
    const refuseSync = (source: unknown) => {
      if (typeof (source as AsyncIterable<unknown>)?.[Symbol.asyncIterator] !== 'function') throw new TypeError('iterable must be an AsyncIterable');
      return source;
    };
    const broken = breakReference({ name: 'gen-sync-refused', breaks: 'GEN-003', wrapContext: allResponsesVia(refuseSync) });
    await expectFail(pick(genChecks, 'GEN-003'), await resolved(broken), /threw TypeError: iterable must be an AsyncIterable/);
  });

  it('[GEN-004] fails when the generator is drained, passes when it is read 64 values ahead', async () => {
    const drained = breakReference({ name: 'gen-drained', breaks: 'GEN-004', wrapContext: allResponsesVia((source) => readAhead(source, Number.POSITIVE_INFINITY)) });
    await expectFail(pick(genChecks, 'GEN-004'), await resolved(drained), /the generator was asked for \d+ values; at most \d+/);
    const bounded = breakReference({ name: 'gen-read-ahead-64', breaks: 'GEN-004', wrapContext: allResponsesVia((source) => readAhead(source, 64)) });
    await expectPass(pick(genChecks, 'GEN-004'), await resolved(bounded));
  });

  it('[GEN-005] fails when a finished generator ends the body in error', async () => {
    const endInError = (source: unknown) =>
      editedSource(source, async (next) => {
        const result = await next();
        if (result.done) throw new Error('stream finished');
        return result;
      });
    const broken = breakReference({ name: 'gen-end-is-error', breaks: 'GEN-005', wrapContext: allResponsesVia(endInError) });
    await expectFail(pick(genChecks, 'GEN-005'), await resolved(broken), /ended in error/);
  });

  it('[GEN-006] fails when a generator error is swallowed into a clean end', async () => {
    const swallow = (source: unknown) =>
      editedSource(source, async (next) => {
        try {
          return await next();
        } catch {
          return { done: true, value: undefined };
        }
      });
    const broken = breakReference({ name: 'gen-error-clean-end', breaks: 'GEN-006', wrapContext: allResponsesVia(swallow) });
    await expectFail(pick(genChecks, 'GEN-006'), await resolved(broken), /the body ended normally; after the generator threw the body must end in error/);
  });

  it('[GEN-007] fails when streamResponse stringifies values', async () => {
    const broken = breakReference({
      name: 'gen-values-stringified',
      breaks: 'GEN-007',
      wrapContext: streamResponseVia(mapValues((value) => (typeof value === 'string' || value instanceof Uint8Array ? value : String(value)))),
    });
    await expectFail(pick(genChecks, 'GEN-007'), await resolved(broken), /the body ended normally; a value that is neither text nor bytes must end the body in error/);
  });
});
