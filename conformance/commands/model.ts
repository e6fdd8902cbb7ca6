/**
 * The model of a manual stream (spec §2a): a state and the
 * segments the body must hold. Much simpler than any implementation: writes
 * on an open stream append their expected bytes; writes on a closed stream or
 * one whose client went away must throw; the first close or client departure
 * fixes the body.
 */
import type fc from 'fast-check';
import type { BodyClient } from '../drive/body-client.ts';
import type { ManualStreamUnderTest } from '../adapter/under-test.ts';
import type { Segment } from './expected-bytes.ts';

/** `open` until the first `close()` (`closed`) or the client going away (`gone`). */
export type ModelState = 'open' | 'closed' | 'gone';

export interface StreamModel {
  state: ModelState;
  /** What the body must hold, in order. */
  expected: Segment[];
  /** The client aborted or cancelled at some point (then it may have read only a prefix). */
  clientGone: boolean;
  /** The commands run so far, for messages. */
  history: string[];
  /** The stream is an event stream (`contentType: 'text/event-stream'`): heartbeat comments may come between events. */
  eventStream: boolean;
}

/** The system under test: the stream, and the client at the other end. */
export interface StreamReal {
  stream: ManualStreamUnderTest;
  /** Aborts the request's signal (the client went away). */
  abortRequest(): void;
  client: BodyClient;
}

export type StreamCommand = fc.AsyncCommand<StreamModel, StreamReal, false>;

export function initialModel(eventStream = false): StreamModel {
  return { state: 'open', expected: [], clientGone: false, history: [], eventStream };
}

/** "after write("a"), close()" — the last few commands, for messages. */
export function describeHistory(model: StreamModel): string {
  if (model.history.length === 0) return 'as the first call';
  const shown = model.history.slice(-6);
  return `after ${model.history.length > shown.length ? '…, ' : ''}${shown.join(', ')}`;
}

/** How the state reads in a message. */
export function describeState(state: ModelState): string {
  if (state === 'open') return 'an open stream';
  if (state === 'closed') return 'a stream after close()';
  return 'a stream whose client went away';
}
