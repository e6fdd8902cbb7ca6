/**
 * The model's statement of what each write call sends (spec §2), as simple
 * as the spec: `write` → the text's UTF-8 or the bytes; `writeChunk` → UTF-8 /
 * bytes as is, a JSON value as one NDJSON line, or base64 / hex (RFC 4648 §4,
 * §8) of the chunk's bytes on one line; `writeSSE` → one event a WHATWG client
 * dispatches, with its type, data and last event id (and the reconnection
 * time it sets).
 *
 * Each segment says what must be RECOVERED from the body, not one byte
 * pattern: formatting (the space after a field's colon, field order,
 * comments, padding, the case of hex digits) is judged by the SSE and CHUNK
 * checks under their own ids; the model judges order, loss and what was sent
 * after the end. Each segment also carries one rendering (`bytes`), for
 * messages.
 */
import fc from 'fast-check';
import type { WriteCall } from '../arbitraries/stream-calls.ts';
import { concatBytes, utf8 } from '../bytes/bytes.ts';

/** What one call must add to the body. */
export type Segment =
  /** Exactly these bytes (`write`; `writeChunk` of text or bytes with utf-8). */
  | { kind: 'bytes'; call: string; bytes: Uint8Array }
  /** One LF-terminated line holding a JSON text of `value` (`writeChunk` of a value with utf-8). */
  | { kind: 'json-line'; call: string; value: unknown; bytes: Uint8Array }
  /** One LF-terminated line that decodes (base64 or hex) to `raw` (`writeChunk` with base64 / hex). */
  | { kind: 'encoded-line'; call: string; encoding: 'base64' | 'hex'; raw: Uint8Array; bytes: Uint8Array }
  /** Lines a WHATWG client reads as one event (`writeSSE`). */
  | { kind: 'event'; call: string; event: ExpectedEvent; bytes: Uint8Array };

/** The event one `writeSSE` call must make a WHATWG client dispatch. */
export interface ExpectedEvent {
  /** `message` unless the call gave `event`. */
  type: string;
  /** As the client reads it: line breaks as LF, lone surrogates as U+FFFD. */
  data: string;
  /** The `id` the call gave (then the event's lastEventId); undefined: the call must not change the last event id. */
  id?: string;
  /** The `retry` the call gave; undefined: the call must not set a reconnection time. */
  retry?: number;
}

/** `write("a\rb")`, `writeSSE({"n":1}, {"id":"7"})`: a call as a person reads it. */
export function describeCall(name: string, args: readonly unknown[]): string {
  return `${name}(${args.map((arg) => fc.stringify(arg)).join(', ')})`;
}

export function describeWriteCall(call: WriteCall): string {
  switch (call.kind) {
    case 'write':
      return describeCall('write', [call.data]);
    case 'writeChunk':
      return describeCall('writeChunk', call.encoding === undefined ? [call.value] : [call.value, { encoding: call.encoding }]);
    case 'writeSSE':
      return describeCall('writeSSE', call.options === undefined ? [call.data] : [call.data, call.options]);
  }
}

/** Makes the call on a stream (the guide's API). */
export function invokeWriteCall(stream: { write(d: string | Uint8Array): unknown; writeChunk(v: unknown, o?: { encoding?: string }): unknown; writeSSE(d: unknown, o?: object): unknown }, call: WriteCall): unknown {
  switch (call.kind) {
    case 'write':
      return stream.write(call.data);
    case 'writeChunk':
      return call.encoding === undefined ? stream.writeChunk(call.value) : stream.writeChunk(call.value, { encoding: call.encoding });
    case 'writeSSE':
      return call.options === undefined ? stream.writeSSE(call.data) : stream.writeSSE(call.data, call.options);
  }
}

/** The bytes a chunk value stands for: string → UTF-8, bytes as is, anything else → JSON. */
function chunkValueBytes(value: unknown): Uint8Array {
  if (typeof value === 'string') return utf8(value);
  if (value instanceof Uint8Array) return value;
  return utf8(JSON.stringify(value));
}

const LF = utf8('\n');

/** What a WHATWG client reads for `text` sent as event data or a field value: line breaks as LF, lone surrogates as U+FFFD. */
function asClientReads(text: string): string {
  return text.toWellFormed().replace(/\r\n|\r/g, '\n');
}

/** What `call` must add to the body. */
export function expectedSegment(call: WriteCall): Segment {
  const description = describeWriteCall(call);
  switch (call.kind) {
    case 'write':
      return { kind: 'bytes', call: description, bytes: typeof call.data === 'string' ? utf8(call.data) : Uint8Array.from(call.data) };
    case 'writeChunk': {
      const raw = Uint8Array.from(chunkValueBytes(call.value));
      const encoding = call.encoding ?? 'utf-8';
      if (encoding === 'utf-8') {
        const isValue = typeof call.value !== 'string' && !(call.value instanceof Uint8Array);
        return isValue ? { kind: 'json-line', call: description, value: call.value, bytes: concatBytes([raw, LF]) } : { kind: 'bytes', call: description, bytes: raw };
      }
      const bytes = utf8(`${Buffer.from(raw).toString(encoding === 'base64' ? 'base64' : 'hex')}\n`);
      return { kind: 'encoded-line', call: description, encoding, raw, bytes };
    }
    case 'writeSSE': {
      const text = typeof call.data === 'string' ? call.data : JSON.stringify(call.data);
      const event: ExpectedEvent = { type: call.options?.event === undefined ? 'message' : call.options.event.toWellFormed(), data: asClientReads(text) };
      if (call.options?.id !== undefined) event.id = call.options.id.toWellFormed();
      if (call.options?.retry !== undefined) event.retry = call.options.retry;
      const fieldLines: string[] = [];
      if (call.options?.event !== undefined) fieldLines.push(`event: ${call.options.event}`);
      if (call.options?.id !== undefined) fieldLines.push(`id: ${call.options.id}`);
      if (call.options?.retry !== undefined) fieldLines.push(`retry: ${call.options.retry}`);
      const dataLines = text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
      return { kind: 'event', call: description, event, bytes: utf8(`${[...fieldLines, ...dataLines].join('\n')}\n\n`) };
    }
  }
}

/** One way to write a segment (the reference's: event fields first); for messages. */
export function renderSegment(segment: Segment): Uint8Array {
  return segment.bytes;
}

/** The whole expected body in one rendering; for messages. */
export function renderSegments(segments: readonly Segment[]): Uint8Array {
  return concatBytes(segments.map(renderSegment));
}
