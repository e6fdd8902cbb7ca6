/**
 * In-process exchanges: register one route on a fresh app, send it one
 * request through the adapter's `handle`, and hand back the response and a
 * way to play the client that goes away.
 */
import type { App, Context, ResolvedAdapter } from '../runner/check.ts';

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

/** Creates a fresh app, registers `handler` at {@link CHECK_PATH}, and sends one request. */
export async function exchange(
  adapter: ResolvedAdapter,
  handler: Handler,
  init: ExchangeRequest = {},
): Promise<Exchange> {
  const app = await adapter.createApp();
  const method = init.method ?? 'GET';
  if (method === 'GET') app.get(CHECK_PATH, handler);
  else app.post(CHECK_PATH, handler);
  const controller = new AbortController();
  const request = new Request(ORIGIN + CHECK_PATH, {
    method,
    headers: init.headers,
    body: init.body,
    signal: controller.signal,
  });
  const response = await adapter.handle(app, request);
  if (!(response instanceof Response)) {
    throw new TypeError(`${adapter.name}: handle() resolved to ${Object.prototype.toString.call(response)}, not a Response`);
  }
  return { app, response, request, abortRequest: (reason) => controller.abort(reason) };
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
