/**
 * The API under test as the suite sees it: an adapter with its optional parts
 * filled in, and the guide's API (app, ctx, manual stream) — the subset the
 * suite calls. Implementations are untyped to the suite.
 */
import type { ListeningServer } from './contract.ts';

/** An adapter with its optional parts filled in (README "1. Write an adapter"). */
export interface ResolvedAdapter {
  name: string;
  /** The `--adapter` argument it came from. */
  source: string;
  /** A fresh app (the implementation's own object; the suite only uses the guide's API on it). */
  createApp(): Promise<App>;
  handle(app: App, request: Request): Promise<Response>;
  listen(app: App): Promise<ListeningServer>;
  /** HTTP/2 cleartext (h2c); the adapter's own or the bundled `http2` bridge. */
  listenHttp2(app: App): Promise<ListeningServer>;
  /** Whether `listen` / `listenHttp2` are the adapter's own (not the defaults of default-listen.ts): spec §2.16. */
  ownListen?: boolean;
  ownListenHttp2?: boolean;
}

/**
 * The guide's API as the suite uses it. Implementations are untyped to the
 * suite; this is the subset it calls.
 */
export interface App {
  get(path: string, handler: (ctx: Context) => unknown): unknown;
  post(path: string, handler: (ctx: Context) => unknown): unknown;
  [key: string]: unknown;
}

export interface StreamOptionsUnderTest {
  contentType?: string;
  headers?: Record<string, string>;
  bufferSize?: number;
  flushInterval?: number;
}

export interface ManualStreamUnderTest {
  write(data: string | Uint8Array): unknown;
  writeChunk(data: unknown, options?: { encoding?: string }): unknown;
  writeSSE(data: unknown, options?: { id?: string; event?: string; retry?: number }): unknown;
  /** SHOULD-level: a comment line for heartbeats (spec: `writeComment`). */
  writeComment?(text: string): unknown;
  close(): unknown;
  response: Response;
  closed?: Promise<unknown>;
  ready?: Promise<unknown>;
}

export interface Context {
  req: Request;
  params: Record<string, string>;
  body: unknown;
  json(value: unknown): Response;
  createStream(options?: StreamOptionsUnderTest): Promise<ManualStreamUnderTest> | ManualStreamUnderTest;
  streamResponse(iterable: unknown, options?: StreamOptionsUnderTest): Response | Promise<Response>;
  chunkedResponse(chunks: unknown, options?: { encoding?: string; headers?: Record<string, string> }): Response | Promise<Response>;
  sseResponse(iterable: unknown, options?: { id?: string; event?: string; retry?: number; headers?: Record<string, string> }): Response | Promise<Response>;
}
