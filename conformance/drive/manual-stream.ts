/**
 * Opening a manual stream (`ctx.createStream`) the way the guide's handlers
 * do, and handing the stream to the check: the handler creates the stream,
 * optionally writes inside the handler, and returns `stream.response`; the
 * check then drives the stream from outside (spec §2: the response exists
 * before the first write).
 *
 * The check gets the stream as soon as the handler returned, not when
 * `handle()` resolved: an implementation may hold the response head back
 * until the first write (as servers that send headers lazily do). Checks
 * wait for the head ({@link OpenedStream.head}) after making their writes;
 * only STREAM-003 judges what exists before the first write.
 */
import fc from 'fast-check';
import { describeError } from '../adapter/load.ts';
import type { ManualStreamUnderTest, ResolvedAdapter, StreamOptionsUnderTest } from '../adapter/under-test.ts';
import { CheckBlocked } from '../runner/check.ts';
import { Mismatch } from '../runner/property.ts';
import { gate, startExchange, within } from './exchange.ts';
import { macrotaskTurns } from './settle.ts';

/** How long opening a stream (creating the app, running the handler) may take. */
export const OPEN_STREAM_MS = 2000;

/** How long the response head may take once the check made its writes (or closed). */
export const HEAD_WAIT_MS = 2000;

/** Macrotask turns the head gets to arrive after the handler returned, before the stream is handed over anyway. */
const HEAD_TURNS = 3;

/** The client side of a request: what a client has and can do while the server side is driven. */
export interface ClientSide {
  /** Aborts the request's signal, as a runtime does when the client goes away. */
  abortRequest(reason?: unknown): void;
  /** The response, if its head arrived. */
  readonly arrived: Response | undefined;
}

export interface OpenedStream extends ClientSide {
  /** The stream the handler created. */
  stream: ManualStreamUnderTest;
  request: Request;
  /** What `handle()` resolves to (see {@link OpenedStream.head}). */
  response: Promise<Response>;
  /**
   * Waits for the response head, at most {@link HEAD_WAIT_MS} from now; call
   * it after the writes the check makes. Fails the run with a {@link Mismatch}
   * naming `after` when it does not come.
   */
  head(after: string): Promise<Response>;
}

export interface OpenStreamOptions {
  /** Options passed to `createStream` (omitted: called with no argument). */
  streamOptions?: StreamOptionsUnderTest;
  /** Runs inside the handler, after `createStream`, before the handler returns the response. */
  inHandler?: (stream: ManualStreamUnderTest) => void | Promise<void>;
}

/** `createStream()`, `createStream({"contentType":"text/event-stream"})`: the call, for messages. */
export function describeCreateStream(streamOptions: StreamOptionsUnderTest | undefined): string {
  return streamOptions === undefined ? 'createStream()' : `createStream(${fc.stringify(streamOptions)})`;
}

/**
 * Registers a handler that creates a manual stream and returns its response;
 * sends one request; returns the stream once the handler returned. Fails the
 * run with a {@link Mismatch} when `createStream` throws or the handler does
 * not return.
 */
export async function openManualStream(adapter: ResolvedAdapter, options: OpenStreamOptions = {}): Promise<OpenedStream> {
  const created = gate<ManualStreamUnderTest>();
  const returned = gate();
  let createError: { error: unknown } | undefined;
  let handlerError: { error: unknown } | undefined;
  const { streamOptions, inHandler } = options;
  const call = describeCreateStream(streamOptions);
  const pending = startExchange(adapter, async (ctx) => {
    let stream: ManualStreamUnderTest;
    try {
      stream = await (streamOptions === undefined ? ctx.createStream() : ctx.createStream(streamOptions));
    } catch (error) {
      createError = { error };
      throw error;
    }
    created.open(stream);
    try {
      await inHandler?.(stream);
    } catch (error) {
      handlerError = { error };
      throw error;
    }
    const response = stream.response;
    returned.open();
    return response;
  });
  // The handler returned, or the implementation answered without it (it threw, createStream threw, ...).
  const answered = pending.response.then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  const outcome = await within(Promise.race([returned.promise.then(() => undefined), answered]), OPEN_STREAM_MS, `the handler that calls ${call} did not return`).catch(
    (error: unknown) => {
      throw new Mismatch(`${call}: ${describeError(error)}`);
    },
  );
  if (handlerError) throw handlerError.error;
  if (createError) throw new Mismatch(`${call} threw ${describeError(createError.error)}; valid options must give a stream`);
  if (outcome !== undefined) throw new Mismatch(`${call}: ${describeError(outcome.error)}`);
  if (!created.opened) throw new Mismatch(`${call}: the handler ran but createStream never resolved`);
  const stream = await created.promise;
  if (typeof stream !== 'object' || stream === null) throw new Mismatch(`${call} resolved to ${String(stream)}, not a stream`);
  if (!(stream.response instanceof Response)) {
    // Every check on a manual stream takes its response first; that it exists before any write is STREAM-003's rule.
    throw new CheckBlocked('STREAM-003', `${call}: stream.response is ${Object.prototype.toString.call(stream.response)}, not a Response, right after createStream resolved`);
  }
  // Most implementations answer at once; give the head a few turns so the check's client has it when it can.
  await Promise.race([answered, macrotaskTurns(HEAD_TURNS)]);
  return {
    stream,
    request: pending.request,
    abortRequest: pending.abortRequest,
    response: pending.response,
    get arrived() {
      return pending.arrived;
    },
    head: (after) =>
      within(pending.response, HEAD_WAIT_MS, 'the response').catch((error: unknown) => {
        throw new Mismatch(`${call}: handle() gave no response within ${HEAD_WAIT_MS} ms after ${after} (${describeError(error)})`);
      }),
  };
}
