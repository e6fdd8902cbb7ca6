/**
 * Opening a manual stream (`ctx.createStream`) the way the guide's handlers
 * do, and handing the stream to the check: the handler creates the stream,
 * optionally writes inside the handler, and returns `stream.response`; the
 * check then drives the stream from outside (DESIGN §3: the response exists
 * before the first write).
 */
import fc from 'fast-check';
import { describeError } from '../adapter/load.ts';
import type { ManualStreamUnderTest, ResolvedAdapter, StreamOptionsUnderTest } from '../runner/check.ts';
import { Mismatch } from '../runner/property.ts';
import { exchange, gate, within, type Exchange } from './exchange.ts';

/** How long opening a stream (creating the app, running the handler) may take. */
export const OPEN_STREAM_MS = 2000;

export interface OpenedStream extends Exchange {
  /** The stream the handler created. */
  stream: ManualStreamUnderTest;
}

export interface OpenStreamOptions {
  /** Options passed to `createStream` (omitted: called with no argument). */
  streamOptions?: StreamOptionsUnderTest;
  /** Runs inside the handler, after `createStream`, before the handler returns the response. */
  inHandler?: (stream: ManualStreamUnderTest) => void | Promise<void>;
}

/**
 * Registers a handler that creates a manual stream and returns its response;
 * sends one request; returns the stream and the exchange. Fails the run with
 * a {@link Mismatch} when `createStream` throws or the handler does not answer.
 */
export async function openManualStream(adapter: ResolvedAdapter, options: OpenStreamOptions = {}): Promise<OpenedStream> {
  const created = gate<ManualStreamUnderTest>();
  let createError: { error: unknown } | undefined;
  let handlerError: { error: unknown } | undefined;
  const { streamOptions, inHandler } = options;
  const call = streamOptions === undefined ? 'createStream()' : `createStream(${fc.stringify(streamOptions)})`;
  const opened = exchange(adapter, async (ctx) => {
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
    return stream.response;
  });
  const result = await within(opened, OPEN_STREAM_MS, `the handler that calls ${call} did not answer`).catch((error: unknown) => {
    throw new Mismatch(`${call}: ${describeError(error)}`);
  });
  if (handlerError) throw handlerError.error;
  if (createError) throw new Mismatch(`${call} threw ${describeError(createError.error)}; valid options must give a stream`);
  if (!created.opened) throw new Mismatch(`${call}: the handler ran but createStream never resolved`);
  const stream = await created.promise;
  if (typeof stream !== 'object' || stream === null) throw new Mismatch(`${call} resolved to ${String(stream)}, not a stream`);
  if (!(stream.response instanceof Response)) {
    throw new Mismatch(`${call}: stream.response is ${Object.prototype.toString.call(stream.response)}, not a Response`);
  }
  return { ...result, stream };
}
