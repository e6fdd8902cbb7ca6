/**
 * The calls a handler makes on a manual stream — `write`, `writeChunk`,
 * `writeSSE` — with valid arguments (what must be sent) and with invalid ones
 * (what must throw and send nothing).
 */
import fc from 'fast-check';
import { asciiJsonValue, plainLine, plainLines } from './sse-isolated.ts';
import { anyText } from './text.ts';
import { bytes, jsonNonStringValue, unserializableValue, validRetry } from './values.ts';

/** A chunk encoding, or none (the default, `utf-8`). */
export type ChunkEncodingName = 'utf-8' | 'base64' | 'hex';

export interface SseOptions {
  id?: string;
  event?: string;
  retry?: number;
}

/** One valid write call. */
export type WriteCall =
  | { kind: 'write'; data: string | Uint8Array }
  | { kind: 'writeChunk'; value: unknown; encoding?: ChunkEncodingName }
  | { kind: 'writeSSE'; data: unknown; options?: SseOptions };

/** One write call that must throw a TypeError and send nothing. */
export interface InvalidWriteCall {
  kind: 'write' | 'writeChunk' | 'writeSSE';
  args: unknown[];
  /** Why it is invalid, for messages. */
  reason: string;
}

/** Text or bytes for `write`. */
export function writeData(options: { maxLength?: number } = {}): fc.Arbitrary<string | Uint8Array> {
  const maxLength = options.maxLength ?? 24;
  return fc.oneof(anyText({ maxLength }), bytes({ maxLength }));
}

export function writeCall(): fc.Arbitrary<WriteCall> {
  return writeData().map((data) => ({ kind: 'write' as const, data }));
}

/** A valid `writeChunk(value, { encoding })`: text, bytes or a JSON value, any encoding. */
export function writeChunkCall(): fc.Arbitrary<WriteCall> {
  return fc
    .record(
      {
        value: fc.oneof(anyText({ maxLength: 16 }), bytes({ maxLength: 16 }), jsonNonStringValue()),
        encoding: fc.constantFrom<ChunkEncodingName>('utf-8', 'base64', 'hex'),
      },
      { requiredKeys: ['value'] },
    )
    .map((call) => ({ kind: 'writeChunk' as const, ...call }));
}

/**
 * A valid `writeSSE(data, options)` for the checks of other areas (the
 * models, close): plain ASCII lines or an ASCII JSON value, an `event` and
 * `id` of plain text, a non-negative integer `retry`. What a client reads
 * back then does not depend on how the SSE area's rules write text and
 * fields (SSE-005, SSE-006, SSE-009–SSE-011, SSE-017 judge that).
 */
export function writeSseCall(): fc.Arbitrary<WriteCall> {
  const field = plainLine({ maxLength: 8 });
  const options: fc.Arbitrary<SseOptions> = fc.record({ event: field, id: field, retry: validRetry() }, { requiredKeys: [] });
  return fc
    .record({ data: fc.oneof(plainLines().filter((text) => text !== ''), asciiJsonValue()), options }, { requiredKeys: ['data'] })
    .map((call) => ({ kind: 'writeSSE' as const, ...call }));
}

/** Any valid write call. */
export function anyWriteCall(): fc.Arbitrary<WriteCall> {
  return fc.oneof(writeCall(), writeChunkCall(), writeSseCall());
}

/**
 * A value `write` should reject: neither text nor binary data. Other binary
 * views (an ArrayBuffer, a DataView, a Uint16Array) are left out: an
 * implementation may take any BufferSource as bytes.
 */
export function notTextOrBytes(): fc.Arbitrary<{ label: string; value: unknown }> {
  return fc.oneof(
    fc.integer().map((value) => ({ label: 'a number', value })),
    fc.boolean().map((value) => ({ label: 'a boolean', value })),
    fc.constantFrom(
      { label: 'null', value: null },
      { label: 'undefined', value: undefined },
      { label: 'an array of numbers', value: [1, 2, 3] },
    ),
    jsonNonStringValue()
      .filter((value) => value !== null && typeof value === 'object')
      .map((value) => ({ label: Array.isArray(value) ? 'an array' : 'an object', value })),
  );
}

/** A write call that must throw a TypeError: `write` of a value, an unserializable chunk or event, an SSE field that would inject. */
export function invalidWriteCall(): fc.Arbitrary<InvalidWriteCall> {
  return fc.oneof(
    notTextOrBytes().map(({ label, value }) => ({ kind: 'write' as const, args: [value], reason: `data is ${label}` })),
    unserializableValue().map(({ label, value }) => ({ kind: 'writeChunk' as const, args: [value], reason: `the chunk is ${label}` })),
    fc.constantFrom('base-64', 'utf8 ', 'HEX!', 'binary').map((encoding) => ({
      kind: 'writeChunk' as const,
      args: ['x', { encoding }],
      reason: `encoding ${JSON.stringify(encoding)} is unknown`,
    })),
    unserializableValue().map(({ label, value }) => ({ kind: 'writeSSE' as const, args: [value], reason: `the data is ${label}` })),
    fc.constantFrom(
      { options: { event: 'a\nevent: injected' }, reason: 'event contains LF' },
      { options: { event: 'a\rb' }, reason: 'event contains CR' },
      { options: { id: '7\ndata: injected' }, reason: 'id contains LF' },
      { options: { id: 'a\0b' }, reason: 'id contains NUL' },
      { options: { retry: -1 }, reason: 'retry is negative' },
      { options: { retry: 1.5 }, reason: 'retry is not an integer' },
    ).map(({ options, reason }) => ({ kind: 'writeSSE' as const, args: ['data', options], reason })),
  );
}
