/**
 * The two kinds of manual streams the close, abort and model checks open —
 * a plain one and an event stream — with what each kind is written with
 * (`write` on a plain stream, mostly `writeSSE` on an event stream) and how
 * its body is judged (what a client recovers: `expected-body.ts`).
 */
import fc from 'fast-check';
import { anyWriteCall, writeCall, writeData, writeSseCall, type WriteCall } from '../arbitraries/stream-calls.ts';
import { escapeBytes } from '../bytes/escape.ts';
import { mustNotThrow } from '../drive/judge.ts';
import type { ManualStreamUnderTest, StreamOptionsUnderTest } from '../adapter/under-test.ts';
import { expectThat } from '../runner/property.ts';
import { manualStreamKind, type ManualStreamKind } from './arbitrary.ts';
import { matchBody } from './expected-body.ts';
import { describeWriteCall, expectedSegment, invokeWriteCall, renderSegments } from './expected-bytes.ts';
import { EVENT_STREAM } from './run-model.ts';

export { manualStreamKind, type ManualStreamKind };

/** The `createStream` options of a kind, with `extra` (coalescing, say) added; undefined for a plain stream without extras. */
export function streamOptionsOf(kind: ManualStreamKind, extra?: StreamOptionsUnderTest): StreamOptionsUnderTest | undefined {
  if (kind === 'plain') return extra;
  return { contentType: EVENT_STREAM, ...extra };
}

/** A call that puts data on a stream of this kind: `write` of text or bytes, or `writeSSE`. */
export function dataCall(kind: ManualStreamKind, options: { maxLength?: number } = {}): fc.Arbitrary<WriteCall> {
  if (kind === 'plain') return options.maxLength === undefined ? writeCall() : writeData(options).map((data): WriteCall => ({ kind: 'write', data }));
  return writeSseCall();
}

/** A write made after the stream ended: any of the three calls, `writeSSE` weighted up on an event stream. */
export function lateCall(kind: ManualStreamKind): fc.Arbitrary<WriteCall> {
  if (kind === 'plain') return anyWriteCall();
  return fc.oneof({ weight: 3, arbitrary: writeSseCall() }, { weight: 1, arbitrary: anyWriteCall() });
}

/** Either kind, with what `build` draws for it (fast-check shrinks within the kind). */
export function perKind<T extends object>(build: (kind: ManualStreamKind) => fc.Arbitrary<T>): fc.Arbitrary<T & { kind: ManualStreamKind }> {
  const of = (kind: ManualStreamKind) => build(kind).map((value) => ({ ...value, kind }));
  return fc.oneof(of('plain'), of('event-stream'));
}

/** Either kind, and some calls for it. */
export function kindAndCalls(calls: (kind: ManualStreamKind) => fc.Arbitrary<WriteCall[]>): fc.Arbitrary<{ kind: ManualStreamKind; calls: WriteCall[] }> {
  return perKind((kind) => fc.record({ calls: calls(kind) }));
}

/** `write("a"), writeSSE("b")` — or `no write`. */
export function describeCalls(calls: readonly WriteCall[]): string {
  return calls.length === 0 ? 'no write' : calls.map(describeWriteCall).join(', ');
}

/** Makes the calls; each one must not throw (the stream is open). */
export function invokeAll(stream: ManualStreamUnderTest, calls: readonly WriteCall[]): void {
  for (const call of calls) mustNotThrow(describeWriteCall(call), () => invokeWriteCall(stream, call), 'on an open stream');
}

/**
 * The body must be what a client recovers from `calls` in order (on an event
 * stream, heartbeat comments allowed); with `allowPrefix`, any prefix of it.
 */
export function expectBodyOf(body: Uint8Array, calls: readonly WriteCall[], kind: ManualStreamKind, what: string, options: { allowPrefix?: boolean } = {}): void {
  const segments = calls.map(expectedSegment);
  const match = matchBody(body, segments, { eventStream: kind === 'event-stream', allowPrefix: options.allowPrefix ?? false });
  expectThat(
    match.ok,
    `${what}: ${match.ok ? '' : match.message} (expected${options.allowPrefix ? ' a prefix of' : ''}, in one rendering: "${escapeBytes(renderSegments(segments))}")`,
    { sent: body, eventStream: kind === 'event-stream' },
  );
}
