/**
 * One server per wire check: a fresh app with the check's route, served by
 * the adapter over HTTP/1.1 (`listen`) or h2c (`listenHttp2`) on 127.0.0.1,
 * always closed afterwards. Each property run gets its own request path
 * (`?run=N`) whose instructions the route reads from a {@link RunTable}.
 */
import type { ListeningServer } from '../adapter/contract.ts';
import { CHECK_PATH, within, type Handler } from '../drive/exchange.ts';
import { ImplementationError, type CheckContext } from '../runner/check.ts';
import { type App, type Context } from '../adapter/under-test.ts';

/** Which of the adapter's servers to use. */
export type WireProtocol = 'http1' | 'http2';

/** Starting a server may take this long (ms). */
const LISTEN_TIMEOUT_MS = 5000;
/** Closing one may take this long (ms) before the check moves on. */
const CLOSE_TIMEOUT_MS = 2000;

/** Serves `handler` at {@link CHECK_PATH}, runs `use(baseUrl)`, and closes the server whatever happens. */
export async function withWireServer<T>(
  ctx: CheckContext,
  protocol: WireProtocol,
  handler: Handler,
  use: (baseUrl: string, app: App) => Promise<T>,
): Promise<T> {
  const app = await ctx.adapter.createApp();
  app.get(CHECK_PATH, handler);
  const what = protocol === 'http1' ? `${ctx.adapter.name}: listen(app)` : `${ctx.adapter.name}: listenHttp2(app)`;
  const server: ListeningServer = await within(
    protocol === 'http1' ? ctx.adapter.listen(app) : ctx.adapter.listenHttp2(app),
    LISTEN_TIMEOUT_MS,
    what,
  );
  if (typeof server?.url !== 'string' || typeof server.close !== 'function') {
    throw new ImplementationError(`${what} resolved to something without url and close()`);
  }
  try {
    return await use(validBaseUrl(server.url, what), app);
  } finally {
    await within(Promise.resolve(server.close()), CLOSE_TIMEOUT_MS, `${what}.close()`).catch(() => {});
  }
}

/** `url` without its trailing slash, when it is an `http:` URL a client can connect to. */
export function validBaseUrl(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImplementationError(`${what} resolved to url ${JSON.stringify(url)}, which is not a URL`);
  }
  if (parsed.protocol !== 'http:') throw new ImplementationError(`${what} resolved to url ${JSON.stringify(url)}, not an http: URL`);
  return url.replace(/\/$/, '');
}

/** Per-run instructions of one check's route, keyed by the `run` query parameter. */
export class RunTable<T> {
  readonly #runs = new Map<string, T>();
  #next = 0;

  /** Registers a run; returns the request path that selects it. */
  add(instructions: T): string {
    const id = String(++this.#next);
    this.#runs.set(id, instructions);
    return `${CHECK_PATH}?run=${id}`;
  }

  /** The instructions of the run `ctx.req` asks for. */
  of(ctx: Context): T {
    const id = new URL(ctx.req.url).searchParams.get('run') ?? '';
    const instructions = this.#runs.get(id);
    if (instructions === undefined) throw new Error(`streamconform: no run ${JSON.stringify(id)} registered for ${ctx.req.url}`);
    return instructions;
  }
}
