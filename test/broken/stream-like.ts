/**
 * What a broken adapter hands the suite instead of the reference's
 * `ManualStream` and `ctx`: plain objects that delegate to the real ones, so
 * one method at a time can be re-implemented (brokenly) on top of the others.
 */
import type {
  ChunkOptions,
  Context as ReferenceContext,
  ManualStream,
  ServerSentEventOptions,
  SseFields,
  StreamingOptions,
  StreamSource,
  WriteChunkOptions,
} from '../../reference/index.ts';

/** A manual stream as the suite sees it (the guide's calls plus `writeComment`, `ready`, `closed`). */
export interface StreamLike {
  write(data: unknown): void;
  writeChunk(value: unknown, options?: unknown): void;
  writeSSE(data: unknown, options?: unknown): void;
  writeComment?(text?: string): void;
  close(): void;
  readonly response: Response;
  readonly ready?: Promise<void>;
  readonly closed?: Promise<void>;
}

/** The `ctx` a broken app hands to the suite's handlers. */
export interface BrokenContext {
  readonly req: Request;
  readonly params: Record<string, string>;
  readonly body: unknown;
  json(value: unknown): Response;
  createStream(options?: unknown): Promise<StreamLike>;
  streamResponse(iterable: unknown, options?: unknown): Response;
  chunkedResponse(chunks: unknown, options?: unknown): Response;
  sseResponse(iterable: unknown, options?: unknown): Response;
}

/** The parts of a stream a broken adapter may remove (SHOULD-level additions). */
export type OptionalStreamPart = 'writeComment' | 'ready' | 'closed';

/**
 * A stream object delegating every call to `inner`; `patch` replaces members
 * (its getters stay getters) and `omit` removes SHOULD-level ones.
 */
export function delegateStream(
  inner: ManualStream,
  patch: Partial<StreamLike> = {},
  omit: readonly OptionalStreamPart[] = [],
): StreamLike {
  const stream: StreamLike = {
    write: (data) => inner.write(data as string | Uint8Array),
    writeChunk: (value, options) => inner.writeChunk(value, options as WriteChunkOptions | undefined),
    writeSSE: (data, options) => inner.writeSSE(data, options as SseFields | undefined),
    writeComment: (text) => inner.writeComment(text),
    close: () => inner.close(),
    get response() {
      return inner.response;
    },
    get ready() {
      return inner.ready;
    },
    get closed() {
      return inner.closed;
    },
  };
  Object.defineProperties(stream, Object.getOwnPropertyDescriptors(patch));
  for (const part of omit) delete (stream as unknown as Record<string, unknown>)[part];
  return stream;
}

/** True while `inner` accepts writes (not closed, errored or abandoned by the client). */
export function isOpen(inner: ManualStream): boolean {
  return inner.state === 'open';
}

/** The reference's `ctx`, seen through {@link BrokenContext} (nothing changed yet). */
export function faithfulContext(ctx: ReferenceContext): BrokenContext {
  return {
    req: ctx.req,
    params: ctx.params,
    body: ctx.body,
    json: (value) => ctx.json(value),
    createStream: async (options) => delegateStream(await ctx.createStream(options as StreamingOptions | undefined)),
    streamResponse: (iterable, options) =>
      ctx.streamResponse(iterable as StreamSource<string | Uint8Array>, options as StreamingOptions | undefined),
    chunkedResponse: (chunks, options) => ctx.chunkedResponse(chunks as StreamSource<unknown>, options as ChunkOptions | undefined),
    sseResponse: (iterable, options) => ctx.sseResponse(iterable as StreamSource<unknown>, options as ServerSentEventOptions | undefined),
  };
}

/** `options` as a record; a TypeError (as the reference throws) when it is not an object or undefined. */
export function optionsRecord(field: string, options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${field} must be an object or undefined; got ${typeof options}`);
  }
  return options as Record<string, unknown>;
}
