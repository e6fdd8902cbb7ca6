/**
 * Quick in-test broken implementations for the SSE, CHUNK and HDR checks:
 * the reference app with one thing corrupted (a stream method replaced, a
 * response factory wrapped, a body or its headers edited), and helpers that
 * run a check on an adapter and say whether it failed.
 */
import { createApp } from '../../reference/index.ts';
import { resolveAdapter } from '../../conformance/adapter/load.ts';
import { CheckFailure, type Check, type CheckContext } from '../../conformance/runner/check.ts';
import { type Context, type ManualStreamUnderTest, type ResolvedAdapter } from '../../conformance/adapter/under-test.ts';

/** What a mutant changes: the manual stream's methods, and/or the ctx's factories. */
export interface Mutation {
  /** Methods that replace the stream's own; `inner` is the reference's stream (delegated to). */
  stream?(inner: ManualStreamUnderTest, options: Parameters<Context['createStream']>[0]): Partial<ManualStreamUnderTest>;
  /** Factories that replace the ctx's own; `inner` is the reference's ctx. */
  ctx?(inner: Context): Partial<Context>;
}

/** The reference with `mutation` applied to every handler's ctx. */
export async function mutantAdapter(name: string, mutation: Mutation): Promise<ResolvedAdapter> {
  return resolveAdapter(
    {
      name: `mutant/${name}`,
      createApp() {
        const real = createApp({ onError: () => {} });
        const wrap = (handler: (ctx: Context) => unknown) => (ctx: unknown) => handler(mutateContext(ctx as Context, mutation));
        return {
          get: (path: string, handler: (ctx: Context) => unknown) => real.get(path, wrap(handler) as never),
          post: (path: string, handler: (ctx: Context) => unknown) => real.post(path, wrap(handler) as never),
          handler: (request: Request) => real.handler(request),
        };
      },
    },
    `mutant/${name}`,
    { probe: false },
  );
}

function mutateContext(inner: Context, mutation: Mutation): Context {
  let ctx: Context = { ...inner };
  if (mutation.stream) {
    const replace = mutation.stream;
    ctx.createStream = async (options) => {
      const stream = await inner.createStream(options);
      return { ...delegate(stream), ...replace(stream, options) } as ManualStreamUnderTest;
    };
  }
  if (mutation.ctx) ctx = { ...ctx, ...mutation.ctx(inner) };
  return ctx;
}

/** A plain object that forwards to `inner` (the reference's stream keeps private fields, so no Proxy). */
export function delegate(inner: ManualStreamUnderTest): ManualStreamUnderTest {
  const out: ManualStreamUnderTest = {
    write: (data) => inner.write(data),
    writeChunk: (data, options) => inner.writeChunk(data, options),
    writeSSE: (data, options) => inner.writeSSE(data, options),
    close: () => inner.close(),
    get response() {
      return inner.response;
    },
  };
  if (inner.writeComment) out.writeComment = (text) => inner.writeComment!(text);
  return out;
}

/** `response` with its body re-chunked through `edit` (text in, text out, per chunk), `flush` appended at the end. */
export function editBody(response: Response, edit: (chunk: string, index: number) => string, flush = ''): Response {
  let index = 0;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const body = response.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(encoder.encode(edit(decoder.decode(chunk, { stream: true }), index++)));
      },
      flush(controller) {
        if (flush !== '') controller.enqueue(encoder.encode(flush));
      },
    }),
  );
  return new Response(body, { status: response.status, headers: response.headers });
}

/** `response` with its bytes re-chunked through `edit`. */
export function editBytes(response: Response, edit: (chunk: Uint8Array) => Uint8Array): Response {
  const body = response.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(edit(chunk));
      },
    }),
  );
  return new Response(body, { status: response.status, headers: response.headers });
}

/** `response` with its headers (and maybe status) edited. */
export function editHeaders(response: Response, edit: (headers: Headers) => void, status = response.status): Response {
  const headers = new Headers(response.headers);
  edit(headers);
  return new Response(response.body, { status, headers });
}

/** A stream whose `response` is `edit(inner.response)` (computed once). */
export function withEditedResponse(inner: ManualStreamUnderTest, edit: (response: Response) => Response): Partial<ManualStreamUnderTest> {
  let edited: Response | undefined;
  return {
    get response() {
      edited ??= edit(inner.response);
      return edited;
    },
  };
}

/** A hand-built check context. */
export function checkContext(adapter: ResolvedAdapter, numRuns = 100, seed = 42): CheckContext {
  return { adapter, fcParameters: { seed, numRuns }, signal: new AbortController().signal, timeoutMs: 20_000, recordTranscript() {} };
}

/** Runs `check`; resolves with its CheckFailure, or undefined when it passed. Anything else thrown propagates. */
export async function failureOf(check: Check, adapter: ResolvedAdapter, numRuns = 100): Promise<CheckFailure | undefined> {
  try {
    await check.run(checkContext(adapter, numRuns));
    return undefined;
  } catch (error) {
    if (error instanceof CheckFailure) return error;
    throw error;
  }
}

/** The checks of `checks` that judge `requirement`. */
export function checksOf(checks: readonly Check[], requirement: string): Check[] {
  const found = checks.filter((check) => check.requirement === requirement);
  if (found.length === 0) throw new Error(`no check judges ${requirement}`);
  return found;
}
