/**
 * In-process exchanges: register one route on a fresh app, send it one
 * request through the adapter's `handle`, and hand back the response and a
 * way to play the client that goes away.
 */
import type { App, Context, ResolvedAdapter } from '../adapter/under-test.ts';

/** The path the suite registers its routes under. */
export const CHECK_PATH = '/__streamconform/check';
const ORIGIN = 'http://streamconform.test';

export interface ExchangeRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface Exchange {
  app: App;
  response: Response;
  /** Aborts the request's signal, as a runtime does when the client goes away. */
  abortRequest(reason?: unknown): void;
  request: Request;
}

export type Handler = (ctx: Context) => unknown;

/** An exchange whose response has not necessarily arrived: the client side, from the moment the request is sent. */
export interface PendingExchange {
  request: Request;
  /** Aborts the request's signal, as a runtime does when the client goes away. */
  abortRequest(reason?: unknown): void;
  /**
   * What `handle()` resolves to: the response head. An implementation may
   * resolve it only once the handler wrote (or a little later); rejects when
   * `handle()` rejects or resolves to something that is not a `Response`.
   */
  response: Promise<Response>;
  /** The response if it already arrived, else undefined. */
  readonly arrived: Response | undefined;
  app: Promise<App>;
}

/**
 * Creates a fresh app, registers `handler` at {@link CHECK_PATH}, and sends
 * one request — without waiting for the response, so that a check can drive
 * a stream while the implementation still holds the head back.
 */
export function startExchange(adapter: ResolvedAdapter, handler: Handler, init: ExchangeRequest = {}): PendingExchange {
  const method = init.method ?? 'GET';
  const controller = new AbortController();
  const request = new Request(ORIGIN + CHECK_PATH, {
    method,
    headers: init.headers,
    body: init.body,
    signal: controller.signal,
  });
  const app = adapter.createApp().then((created) => {
    if (method === 'GET') created.get(CHECK_PATH, handler);
    else created.post(CHECK_PATH, handler);
    return created;
  });
  let arrived: Response | undefined;
  const response = app.then(async (created) => {
    const answer = await adapter.handle(created, request);
    if (!(answer instanceof Response)) {
      throw new TypeError(`${adapter.name}: handle() resolved to ${Object.prototype.toString.call(answer)}, not a Response`);
    }
    arrived = answer;
    return answer;
  });
  // Whoever needs the app or the response awaits it; a rejection nobody awaited is not the implementation's stray error.
  app.catch(() => {});
  response.catch(() => {});
  return {
    request,
    abortRequest: (reason) => controller.abort(reason),
    response,
    get arrived() {
      return arrived;
    },
    app,
  };
}

/** Creates a fresh app, registers `handler` at {@link CHECK_PATH}, sends one request and waits for the response. */
export async function exchange(adapter: ResolvedAdapter, handler: Handler, init: ExchangeRequest = {}): Promise<Exchange> {
  const pending = startExchange(adapter, handler, init);
  const response = await pending.response;
  return { app: await pending.app, response, request: pending.request, abortRequest: pending.abortRequest };
}

/** A promise that can be resolved from outside: the suite's way to inject time (gates a test opens). */
export interface Gate<T = void> {
  promise: Promise<T>;
  open(value: T): void;
  readonly opened: boolean;
}

export function gate<T = void>(): Gate<T> {
  let open!: (value: T) => void;
  let opened = false;
  const promise = new Promise<T>((resolve) => {
    open = (value) => {
      opened = true;
      resolve(value);
    };
  });
  return {
    promise,
    open: (value) => open(value),
    get opened() {
      return opened;
    },
  };
}

/** Resolves with the promise's value, or rejects with `what` after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
