/**
 * The CLOSE checks: they pass on the reference, and each fails on an app that
 * breaks its requirement (the reference wrapped to get one thing wrong).
 */
import { describe, it } from 'vitest';
import { closeChecks } from '../../conformance/properties/close.ts';
import { breakReference, type BrokenContext } from '../broken/break.ts';
import { iteratorOf } from '../broken/sources.ts';
import { delegateStream } from '../broken/stream-like.ts';
import { expectFail, expectPass, expectUnimplemented, pick, reference, resolved, withoutRunnerStrayListeners } from './stream-area-harness.ts';

describe('CLOSE checks on the reference', () => {
  for (const check of closeChecks) {
    it(`[${check.requirement}] ${check.title}`, async () => {
      await expectPass(check, await reference(), 100);
    });
  }
});

function allResponsesVia(edit: (source: unknown) => unknown) {
  return (ctx: BrokenContext): BrokenContext => ({
    ...ctx,
    streamResponse: (iterable, options) => ctx.streamResponse(edit(iterable), options),
    chunkedResponse: (chunks, options) => ctx.chunkedResponse(edit(chunks), options),
    sseResponse: (iterable, options) => ctx.sseResponse(edit(iterable), options),
  });
}

/** The source without a `return()`: the implementation cannot stop it. */
function withoutReturn(source: unknown): AsyncIterable<unknown> {
  const iterator = iteratorOf('iterable', source);
  const bare: AsyncIterator<unknown> = { next: async () => iterator.next() };
  return { [Symbol.asyncIterator]: () => bare };
}

describe('CLOSE checks on broken apps', () => {
  it('[CLOSE-001] fails when close() errors the body instead of ending it', async () => {
    const broken = breakReference({
      name: 'close-errors-body',
      breaks: 'CLOSE-001',
      wrapStream: (_stream, inner) => delegateStream(inner, { close: () => inner.error(new Error('closed')) }),
    });
    await expectFail(pick(closeChecks, 'CLOSE-001'), await resolved(broken), /ended in error/);
  });

  it('[CLOSE-002] fails when a second close() throws', async () => {
    const broken = breakReference({
      name: 'close-second-throws',
      breaks: 'CLOSE-002',
      wrapStream: (_stream, inner) =>
        delegateStream(inner, {
          close() {
            if (inner.state !== 'open') throw new Error('the stream is already closed');
            inner.close();
          },
        }),
    });
    await expectFail(pick(closeChecks, 'CLOSE-002'), await resolved(broken), /close\(\) number 2 threw/);
  });

  it('[CLOSE-003] fails when writes after close() are silently ignored', async () => {
    const ignoreWhenClosed = <A extends unknown[]>(inner: { state: string }, write: (...args: A) => void) => (...args: A) => {
      if (inner.state !== 'closed') write(...args);
    };
    const broken = breakReference({
      name: 'write-after-close-ignored',
      breaks: 'CLOSE-003',
      wrapStream: (_stream, inner) =>
        delegateStream(inner, {
          write: ignoreWhenClosed(inner, (data: unknown) => inner.write(data as string)),
          writeChunk: ignoreWhenClosed(inner, (value: unknown, options: unknown) => inner.writeChunk(value, options as undefined)),
          writeSSE: ignoreWhenClosed(inner, (data: unknown, options: unknown) => inner.writeSSE(data, options as undefined)),
        }),
    });
    await expectFail(pick(closeChecks, 'CLOSE-003'), await resolved(broken), /after close\(\) must throw/);
  });

  it('[CLOSE-004] fails when writes after the client went away are silently ignored', async () => {
    const broken = breakReference({
      name: 'write-after-abort-ignored',
      breaks: 'CLOSE-004',
      wrapStream: (_stream, inner) =>
        delegateStream(inner, {
          write: (data) => void (inner.state === 'aborted' || inner.write(data as string)),
          writeChunk: (value, options) => void (inner.state === 'aborted' || inner.writeChunk(value, options as undefined)),
          writeSSE: (data, options) => void (inner.state === 'aborted' || inner.writeSSE(data, options as undefined)),
        }),
    });
    await expectFail(pick(closeChecks, 'CLOSE-004'), await resolved(broken), /did not throw; once the client went away/);
  });

  it('[CLOSE-005] [CLOSE-006] fail when the generator cannot be returned', async () => {
    const broken = breakReference({ name: 'generator-not-returned', breaks: 'CLOSE-005', wrapContext: allResponsesVia(withoutReturn) });
    const adapter = await resolved(broken);
    await expectFail(pick(closeChecks, 'CLOSE-005'), adapter, /body cancel: .*(finally|return\(\))/);
    await expectFail(pick(closeChecks, 'CLOSE-006'), adapter, /request abort: .*(finally|return\(\))/);
  });

  it('[CLOSE-007] fails when the handler gets a copy of the request without its signal', async () => {
    const broken = breakReference({
      name: 'request-copied',
      breaks: 'CLOSE-007',
      wrapContext: (ctx) => ({ ...ctx, req: new Request(ctx.req.url, { headers: ctx.req.headers }) }),
    });
    await expectFail(pick(closeChecks, 'CLOSE-007'), await resolved(broken), /did not fire 'abort'/);
  });

  it('[CLOSE-008] fails when close() after the client went away throws', async () => {
    const broken = breakReference({
      name: 'close-after-abort-throws',
      breaks: 'CLOSE-008',
      wrapStream: (_stream, inner) =>
        delegateStream(inner, {
          close() {
            if (inner.state === 'aborted') throw new Error('the client is gone');
            inner.close();
          },
        }),
    });
    await expectFail(pick(closeChecks, 'CLOSE-008'), await resolved(broken), /close\(\) number 1 after a .* threw/);
  });

  it('[CLOSE-009] both checks fail on rejections nobody handles', async () => {
    const reject = () => void Promise.reject(new Error('a rejection nobody handles'));
    const broken = breakReference({
      name: 'unhandled-rejection',
      breaks: 'CLOSE-009',
      wrapStream: (_stream, inner) =>
        delegateStream(inner, {
          close() {
            if (inner.state === 'aborted') reject();
            inner.close();
          },
        }),
      wrapContext: allResponsesVia((source) => {
        const iterator = iteratorOf('iterable', source);
        const rejecting: AsyncIterator<unknown> = {
          next: async () => iterator.next(),
          return: async () => {
            reject();
            await iterator.return?.();
            return { done: true, value: undefined };
          },
        };
        return { [Symbol.asyncIterator]: () => rejecting };
      }),
    });
    const adapter = await resolved(broken);
    await withoutRunnerStrayListeners(async () => {
      await expectFail(pick(closeChecks, 'CLOSE-009', 'sequence'), adapter, /unhandled rejection\(s\); first: Error: a rejection nobody handles/, 100);
      await expectFail(pick(closeChecks, 'CLOSE-009', 'generators'), adapter, /unhandled rejection\(s\); first: Error: a rejection nobody handles/);
    });
  });

  it('[CLOSE-010] fails when closed resolves only on close(); without closed it is unimplemented', async () => {
    const onlyOnClose = breakReference({
      name: 'closed-only-on-close',
      breaks: 'CLOSE-010',
      wrapStream: (_stream, inner) => {
        let resolveClosed!: () => void;
        const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
        return delegateStream(inner, {
          close() {
            inner.close();
            resolveClosed();
          },
          get closed() {
            return closed;
          },
        });
      },
    });
    await expectFail(pick(closeChecks, 'CLOSE-010'), await resolved(onlyOnClose), /stream\.closed still pending after 1000 ms/);
    const missing = breakReference({ name: 'no-closed', breaks: 'CLOSE-010', wrapStream: (_stream, inner) => delegateStream(inner, {}, ['closed']) });
    await expectUnimplemented(pick(closeChecks, 'CLOSE-010'), await resolved(missing), 'closed');
  });
});
