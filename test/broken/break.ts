/**
 * Building deliberately broken adapters from the reference implementation:
 * a broken app proxies `get` / `post` / `handler` of a real reference app and
 * hands the suite's handlers a modified `ctx` (a stream whose `writeSSE` is
 * re-implemented on top of `write`, an `sseResponse` that pipes the iterable
 * through a broken encoder into `streamResponse`, headers edited after the
 * fact, ...). Each broken adapter gets ONE requirement wrong; everything
 * else it does is the reference's.
 */
import { createApp, type Context as ReferenceContext, type ManualStream, type StreamingOptions } from '../../reference/index.ts';
import { defineAdapter, type Adapter } from '../../conformance/adapter/contract.ts';
import type { RequirementId } from '../../conformance/requirements/types.ts';
import type { ChunkEncoder } from './chunk-encoder.ts';
import { mapSource } from './sources.ts';
import type { SseEncoder } from './sse-encoder.ts';
import { delegateStream, faithfulContext, optionsRecord, type BrokenContext, type StreamLike } from './stream-like.ts';

export type { BrokenContext, StreamLike } from './stream-like.ts';
export type { AlsoBreaks } from './suite.ts';

/** A handler the suite registers. */
export type SuiteHandler = (ctx: BrokenContext) => unknown;

/** The app a broken adapter creates: the guide's routing surface over a reference app. */
export interface BrokenApp {
  get(path: string, handler: SuiteHandler): BrokenApp;
  post(path: string, handler: SuiteHandler): BrokenApp;
  handler(request: Request): Promise<Response>;
}

/** How to break the reference (every part optional; applied in the order listed). */
export interface BreakSpec {
  /** Short name, e.g. `sse-split-lf-only`; the adapter is named `broken/<name>`. */
  name: string;
  /** The one requirement this adapter violates. */
  breaks: RequirementId;
  /** Replaces the manual stream `createStream` resolves to (`stream` delegates to `inner`). */
  wrapStream?(stream: StreamLike, inner: ManualStream, options: unknown): StreamLike;
  /** Replaces the `ctx` (after `wrapStream` was applied to its `createStream`). */
  wrapContext?(ctx: BrokenContext, reference: ReferenceContext): BrokenContext;
  /** Replaces the suite's handler. */
  wrapHandler?(handler: SuiteHandler): SuiteHandler;
  /** Replaces every response the app answers with. */
  wrapResponse?(response: Response, request: Request): Response | Promise<Response>;
}

/** An {@link Adapter} whose app is the reference broken as `spec` says. */
export function breakReference(spec: BreakSpec): Adapter<BrokenApp> {
  return defineAdapter<BrokenApp>({
    name: `broken/${spec.name}`,
    createApp: () => brokenApp(spec),
  });
}

function brokenApp(spec: BreakSpec): BrokenApp {
  // Errors the reference reports (a generator that throws, ...) are judged from the response.
  const real = createApp({ onError: () => {} });
  const adapt = (handler: SuiteHandler) => {
    const wrapped = spec.wrapHandler ? spec.wrapHandler(handler) : handler;
    return (reference: ReferenceContext) => wrapped(brokenContext(spec, reference)) as Response | Promise<Response>;
  };
  const app: BrokenApp = {
    get(path, handler) {
      real.get(path, adapt(handler));
      return app;
    },
    post(path, handler) {
      real.post(path, adapt(handler));
      return app;
    },
    async handler(request) {
      const response = await real.handler(request);
      return spec.wrapResponse ? spec.wrapResponse(response, request) : response;
    },
  };
  return app;
}

function brokenContext(spec: BreakSpec, reference: ReferenceContext): BrokenContext {
  let ctx = faithfulContext(reference);
  const { wrapStream } = spec;
  if (wrapStream) {
    ctx = {
      ...ctx,
      createStream: async (options) => {
        const inner = await reference.createStream(options as StreamingOptions | undefined);
        return wrapStream(delegateStream(inner), inner, options);
      },
    };
  }
  return spec.wrapContext ? spec.wrapContext(ctx, reference) : ctx;
}

/** The spec parts that route every SSE call (`writeSSE`, `sseResponse`) through `encoder`. */
export function sseVia(encoder: SseEncoder): Pick<BreakSpec, 'wrapStream' | 'wrapContext'> {
  return {
    wrapStream: (stream) =>
      withPatch(stream, {
        writeSSE(data, options) {
          const fields = encoder.fields('options', options);
          stream.write(encoder.event(data, fields));
        },
      }),
    wrapContext: (ctx) => ({
      ...ctx,
      sseResponse(iterable, options) {
        const o = optionsRecord('options', options);
        const fields = encoder.fields('options', o);
        const events = mapSource('iterable', iterable, (value, index) => encoder.frame(value, index, fields), {
          opening: encoder.opening(fields) || undefined,
          closing: (count) => encoder.ending(fields, count) || undefined,
        });
        return ctx.streamResponse(events, {
          contentType: 'text/event-stream',
          headers: { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no', ...optionsRecord('options.headers', o.headers) },
        });
      },
    }),
  };
}

/** The spec parts that route every chunk call (`writeChunk`, `chunkedResponse`) through `encoder`. */
export function chunksVia(encoder: ChunkEncoder): Pick<BreakSpec, 'wrapStream' | 'wrapContext'> {
  return {
    wrapStream: (stream) => {
      let wroteChunk = false;
      return withPatch(stream, {
        writeChunk(value, options) {
          const encoding = encoder.encoding('options.encoding', optionsRecord('options', options).encoding);
          stream.write(encoder.encode(value, encoding));
          wroteChunk = true;
        },
        close() {
          const ending = encoder.ending();
          if (wroteChunk && ending.byteLength > 0) {
            try {
              stream.write(ending);
            } catch {
              // Already closed or gone: close() below decides what happens.
            }
          }
          stream.close();
        },
      });
    },
    wrapContext: (ctx) => ({
      ...ctx,
      chunkedResponse(chunks, options) {
        const o = optionsRecord('options', options);
        const encoding = encoder.encoding('options.encoding', o.encoding);
        const ending = encoder.ending();
        const encoded = mapSource('chunks', chunks, (value) => encoder.encode(value, encoding), {
          closing: () => (ending.byteLength > 0 ? ending : undefined),
        });
        return ctx.streamResponse(encoded, o.headers === undefined ? {} : { headers: o.headers });
      },
    }),
  };
}

/** The four kinds of streamed responses. */
export type StreamKind = 'manual' | 'stream' | 'chunked' | 'sse';

/** Edits the headers of a streamed response after the reference built them. */
export type HeaderEdit = (headers: Headers, kind: StreamKind, options: Record<string, unknown>) => void;

/** The spec parts that apply `edit` to the headers of every streamed response. */
export function editHeaders(edit: HeaderEdit): Pick<BreakSpec, 'wrapStream' | 'wrapContext'> {
  const edited = (response: Response, kind: StreamKind, options: unknown): Response => {
    edit(response.headers, kind, optionsRecord('options', options));
    return response;
  };
  return {
    wrapStream: (stream, inner, options) => {
      edited(inner.response, 'manual', options);
      return stream;
    },
    wrapContext: (ctx) => ({
      ...ctx,
      streamResponse: (iterable, options) => edited(ctx.streamResponse(iterable, options), 'stream', options),
      chunkedResponse: (chunks, options) => edited(ctx.chunkedResponse(chunks, options), 'chunked', options),
      sseResponse: (iterable, options) => edited(ctx.sseResponse(iterable, options), 'sse', options),
    }),
  };
}

/**
 * Replaces the iterable handed to every generator response (`streamResponse`,
 * `chunkedResponse`, `sseResponse`) by `wrap(iterable)`.
 */
export function wrapSources(wrap: (source: unknown) => unknown): Pick<BreakSpec, 'wrapContext'> {
  return {
    wrapContext: (ctx) => ({
      ...ctx,
      streamResponse: (iterable, options) => ctx.streamResponse(wrap(iterable), options),
      chunkedResponse: (chunks, options) => ctx.chunkedResponse(wrap(chunks), options),
      sseResponse: (iterable, options) => ctx.sseResponse(wrap(iterable), options),
    }),
  };
}

/** `stream` with some members replaced (getters of `stream` are kept as getters). */
export function withPatch(stream: StreamLike, patch: Partial<StreamLike>): StreamLike {
  const patched = Object.create(null) as StreamLike;
  Object.defineProperties(patched, Object.getOwnPropertyDescriptors(stream));
  Object.defineProperties(patched, Object.getOwnPropertyDescriptors(patch));
  return patched;
}

/** The header names of a caller's `options.headers` (empty when absent or not an object). */
export function callerHeaderNames(options: Record<string, unknown>): string[] {
  const headers = options.headers;
  return typeof headers === 'object' && headers !== null ? Object.keys(headers) : [];
}

/** True when the caller's `options.headers` name `field`, in any case. */
export function callerSets(options: Record<string, unknown>, field: string): boolean {
  return callerHeaderNames(options).some((name) => name.toLowerCase() === field.toLowerCase());
}

/** Several spec parts applied one after the other (the first wraps the reference, the next wraps that, ...). */
export function composeBreaks(...parts: Pick<BreakSpec, 'wrapStream' | 'wrapContext'>[]): Pick<BreakSpec, 'wrapStream' | 'wrapContext'> {
  return {
    wrapStream: (stream, inner, options) => parts.reduce((current, part) => part.wrapStream?.(current, inner, options) ?? current, stream),
    wrapContext: (ctx, reference) => parts.reduce((current, part) => part.wrapContext?.(current, reference) ?? current, ctx),
  };
}
