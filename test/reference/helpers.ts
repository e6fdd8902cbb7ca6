/** Shared helpers of the reference implementation's tests. */
import { expect } from 'vitest';
import { createApp, StreamingTypeError, type App, type Context, type StreamingTypeErrorCode } from '../../reference/index.ts';

/** Everything the body delivers, as bytes. */
export async function readBytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

/** Everything the body delivers, as text. */
export async function readText(response: Response): Promise<string> {
  return response.text();
}

/** The body's chunks as the consumer reads them. */
export async function readChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body!) chunks.push(chunk);
  return chunks;
}

/** An app that records what it reports to `onError`. */
export function recordingApp(): { app: App; errors: { error: unknown; phase: string }[] } {
  const errors: { error: unknown; phase: string }[] = [];
  const app = createApp({ onError: (error, info) => errors.push({ error, phase: info.phase }) });
  return { app, errors };
}

/**
 * Runs `handler` for one GET request on a fresh app and returns the response;
 * `signal` becomes the request's signal.
 */
export async function respond(handler: (ctx: Context) => Response | Promise<Response>, signal?: AbortSignal): Promise<Response> {
  const { app, errors } = recordingApp();
  app.get('/t', handler);
  const response = await app.handler(new Request('http://test.local/t', signal === undefined ? {} : { signal }));
  // An assertion that failed inside the handler must fail the test, not become a 500.
  const failure = errors.find((e) => e.phase === 'handler');
  if (failure !== undefined) throw failure.error;
  return response;
}

/**
 * Asserts that `run` throws a `StreamingTypeError` (a `TypeError`) with
 * `code`, whose message names `field` and shows `shown` (the value, escaped).
 */
export function expectTypeError(run: () => unknown, code: StreamingTypeErrorCode, field: string, shown: string): StreamingTypeError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a throw').toBeInstanceOf(StreamingTypeError);
  expect(thrown).toBeInstanceOf(TypeError);
  const error = thrown as StreamingTypeError;
  expect(error.code).toBe(code);
  expect(error.message).toContain(field);
  expect(error.message).toContain(shown);
  return error;
}

/** {@link expectTypeError} for a call that may throw or reject. */
export async function expectTypeErrorAsync(run: () => unknown, code: StreamingTypeErrorCode, field: string, shown: string): Promise<StreamingTypeError> {
  let thrown: unknown;
  try {
    await run();
  } catch (error) {
    thrown = error;
  }
  return expectTypeError(() => {
    throw thrown;
  }, code, field, shown);
}

/** Resolves when `predicate()` holds, checking after each macrotask (bounded by the test's timeout). */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

/** `text` with CR and LF shown as `\r` and `\n`. */
export function escaped(text: string): string {
  return JSON.stringify(text);
}

/** A ReadableStream of `items` (ReadableStream.from is missing from the DOM typings). */
export function streamOf<T>(items: T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      for (const item of items) controller.enqueue(item);
      controller.close();
    },
  });
}
