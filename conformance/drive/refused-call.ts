/**
 * Judging a call that must be refused with a `TypeError` and write nothing
 * (spec §2: injection and unserializable values). The same valid writes are
 * made twice on fresh streams, once with the refused call between them and
 * once without; the bodies must be byte-for-byte the same.
 */
import type { CheckContext } from '../runner/check.ts';
import type { ManualStreamUnderTest, StreamOptionsUnderTest } from '../adapter/under-test.ts';
import { Mismatch } from '../runner/property.ts';
import { describeThrown, type Attempt, type CallLog } from './attempt.ts';
import { bytesEqual } from '../bytes/bytes.ts';
import { escapeBytes } from '../bytes/escape.ts';
import { runManualStream } from './stream-run.ts';

export interface RefusedCall {
  /** Valid writes before the refused call (made through `log`, not awaited). */
  before(stream: ManualStreamUnderTest, log: CallLog): void;
  /** The call that must throw a TypeError. */
  call(stream: ManualStreamUnderTest): unknown;
  /** Valid writes after it. */
  after(stream: ManualStreamUnderTest, log: CallLog): void;
  /** The call as a person reads it: `writeSSE("x", {"event":"a\nb"})`. */
  what: string;
  /** Why it must be refused (the rule), for the message. */
  rule: string;
  /** Whether the body is an event stream (for the report's client view). */
  eventStream?: boolean;
}

/**
 * Fails with a {@link Mismatch} unless `refused.call` throws a `TypeError`
 * (synchronously, or as the rejection of a promise it returns) and the body
 * equals the body of the valid writes alone.
 */
export async function expectRefusedCall(ctx: CheckContext, options: StreamOptionsUnderTest | undefined, refused: RefusedCall): Promise<void> {
  const withCall = await runManualStream(ctx, options, (stream, log) => {
    refused.before(stream, log);
    const immediate = log.call(() => refused.call(stream), refused.what, false);
    refused.after(stream, log);
    return immediate;
  });
  const sent = withCall.body.bytes;
  const evidence = { sent, eventStream: refused.eventStream ?? false };
  const outcome: Attempt<unknown> = withCall.result.threw ? { ...withCall.result, async: false } : await withCall.result.settled;
  if (!outcome.threw) {
    throw new Mismatch(`${refused.what} did not throw; ${refused.rule}`, evidence);
  }
  if (!(outcome.error instanceof TypeError)) {
    throw new Mismatch(`${refused.what} threw ${describeThrown(outcome.error)}, not a TypeError; ${refused.rule}`, evidence);
  }
  const control = await runManualStream(ctx, options, (stream, log) => {
    refused.before(stream, log);
    refused.after(stream, log);
  });
  if (!bytesEqual(sent, control.body.bytes)) {
    throw new Mismatch(
      `${refused.what} threw a TypeError but the body changed: with the call it is "${escapeBytes(sent)}", without it "${escapeBytes(control.body.bytes)}"; ${refused.rule}`,
      evidence,
    );
  }
}
