/**
 * Running the command model against an implementation (STREAM-010,
 * CLOSE-009): set up a stream (a plain one, or an event stream —
 * `contentType: 'text/event-stream'`) and a client, run the commands with
 * `fc.asyncModelRun` or `fc.scheduledModelRun`, then close if still open,
 * read the body (bounded) and compare it with the model (what a client
 * recovers from it: see `expected-body.ts`).
 */
import fc from 'fast-check';
import { BodyClient } from '../drive/body-client.ts';
import { escapeBytes } from '../bytes/escape.ts';
import { openManualStream } from '../drive/manual-stream.ts';
import type { CheckContext } from '../runner/check.ts';
import type { StreamOptionsUnderTest } from '../adapter/under-test.ts';
import { Mismatch } from '../runner/property.ts';
import type { ClientPace } from './arbitrary.ts';
import { CloseCommand } from './close.ts';
import { matchBody } from './expected-body.ts';
import { renderSegments } from './expected-bytes.ts';
import { describeHistory, initialModel, type StreamCommand, type StreamModel, type StreamReal } from './model.ts';

/** How long the body may take to end after the last command. */
export const FINAL_READ_MS = 2000;

/** The content type that makes a manual stream an event stream. */
export const EVENT_STREAM = 'text/event-stream';

async function setup(ctx: CheckContext, streamOptions: StreamOptionsUnderTest | undefined): Promise<{ model: StreamModel; real: StreamReal }> {
  const opened = await openManualStream(ctx.adapter, streamOptions === undefined ? {} : { streamOptions });
  // The client takes the body when the head comes: an implementation may send it only with the first write.
  const client = new BodyClient(opened.response);
  return {
    model: initialModel(streamOptions?.contentType === EVENT_STREAM),
    real: { stream: opened.stream, abortRequest: () => opened.abortRequest(), client },
  };
}

/** After the commands: close if still open, read the body, compare with the model. */
export async function verifyBody(model: StreamModel, real: StreamReal): Promise<void> {
  if (model.state === 'open') await new CloseCommand().run(model, real);
  const result = await real.client.finish(FINAL_READ_MS);
  const expectedBytes = renderSegments(model.expected);
  const evidence = { sent: result.bytes, eventStream: model.eventStream };
  const matching = { eventStream: model.eventStream };
  if (result.end === 'no-response') {
    throw new Mismatch(`handle() gave no response (${String(result.error)}) ${describeHistory(model)}`, evidence);
  }
  if (!model.clientGone) {
    if (result.end === 'timeout') {
      throw new Mismatch(
        result.head ? `the body did not end within ${FINAL_READ_MS} ms ${describeHistory(model)}` : `handle() gave no response within ${FINAL_READ_MS} ms ${describeHistory(model)}`,
        evidence,
      );
    }
    if (result.end !== 'clean') {
      throw new Mismatch(`the body ended ${result.end === 'error' ? `in error (${String(result.error)})` : `as ${result.end}`} ${describeHistory(model)}; close() must end it normally`, evidence);
    }
    const match = matchBody(result.bytes, model.expected, matching);
    if (!match.ok) {
      throw new Mismatch(`${match.message} (calls: ${model.history.join(', ')}; expected body, in one rendering: "${escapeBytes(expectedBytes)}")`, evidence);
    }
    return;
  }
  // A client that left before the head arrived may never get one: there is no body to judge.
  if (result.end === 'timeout' && !result.head) return;
  if (result.end === 'timeout') {
    throw new Mismatch(`the body did not end within ${FINAL_READ_MS} ms after the client went away (${describeHistory(model)})`, evidence);
  }
  const match = matchBody(result.bytes, model.expected, { ...matching, allowPrefix: true });
  if (!match.ok) {
    throw new Mismatch(`${match.message} (calls: ${model.history.join(', ')}; the client went away, so it may read a prefix of, in one rendering, "${escapeBytes(expectedBytes)}")`, evidence);
  }
}

/** Runs `commands` in call order with a client that reads eagerly or lazily. */
export async function runStreamModel(
  ctx: CheckContext,
  commands: Iterable<StreamCommand>,
  pace: ClientPace,
  streamOptions?: StreamOptionsUnderTest,
): Promise<void> {
  const { model, real } = await setup(ctx, streamOptions);
  if (pace === 'eager') real.client.startReading();
  await fc.asyncModelRun(() => ({ model, real }), commands);
  await verifyBody(model, real);
}

/**
 * Runs `commands` under `fc.scheduler`: the client's reads are scheduled
 * tasks, so the scheduler interleaves them with writes, closes and aborts
 * (and shrinks the interleaving on failure).
 */
export async function runScheduledStreamModel(
  ctx: CheckContext,
  scheduler: fc.Scheduler,
  commands: Iterable<StreamCommand>,
  streamOptions?: StreamOptionsUnderTest,
): Promise<void> {
  const { model, real } = await setup(ctx, streamOptions);
  real.client.startReading(() => scheduler.schedule(Promise.resolve('read'), 'client reads'));
  await fc.scheduledModelRun(scheduler, () => ({ model, real }), commands);
  real.client.stopPacing();
  await verifyBody(model, real);
}
