/**
 * The adapter contract (README "1. Write an adapter"). An adapter is an ES module whose default
 * export satisfies {@link Adapter}. The suite creates a fresh app per check,
 * registers its own routes on it and drives them through `handle` (in-process)
 * or `listen` (over a real socket).
 */

/** What a running server gives back: its base URL and a way to stop it. */
export interface ListeningServer {
  /** Base URL, e.g. `http://127.0.0.1:43210`. No trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** An adapter as written by an implementer (optional parts may be missing). */
export interface Adapter<App = unknown> {
  /** Shown in reports, e.g. `"imphnen.js 2.1"`. */
  name: string;
  /** A fresh app per call. */
  createApp(): App | Promise<App>;
  /** Default: `app.handler(request)`. */
  handle?(app: App, request: Request): Promise<Response>;
  /** Default: the runtime's own server on 127.0.0.1 — the project's Node HTTP/1.1 bridge on Node, `Bun.serve` on Bun, `Deno.serve` on Deno. */
  listen?(app: App): Promise<ListeningServer>;
  /** Optional addition: serve over HTTP/2 cleartext (h2c). Default: the project's Node `http2` bridge on 127.0.0.1. */
  listenHttp2?(app: App): Promise<ListeningServer>;
}

/** Returns its argument, typed: `export default defineAdapter({ ... })`. */
export function defineAdapter<App>(adapter: Adapter<App>): Adapter<App> {
  return adapter;
}

/** Error codes of {@link AdapterLoadError}. */
export type AdapterLoadErrorCode =
  | 'ADAPTER_NOT_FOUND'
  | 'ADAPTER_IMPORT_FAILED'
  | 'ADAPTER_NO_DEFAULT_EXPORT'
  | 'ADAPTER_INVALID'
  | 'ADAPTER_CREATE_APP_FAILED';

/** An adapter could not be loaded; the CLI exits 2 with this message. */
export class AdapterLoadError extends Error {
  override readonly name = 'AdapterLoadError';
  readonly code: AdapterLoadErrorCode;
  readonly file: string;
  constructor(
    code: AdapterLoadErrorCode,
    file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
    this.code = code;
    this.file = file;
  }
}
