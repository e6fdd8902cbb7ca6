/**
 * The model's statement of what each write call sends (DESIGN §3), as simple
 * as the spec: `write` → the text's UTF-8 or the bytes; `writeChunk` → UTF-8 /
 * bytes / `JSON.stringify` + LF, or base64 / hex (RFC 4648 §4, §8, via Node's
 * `Buffer`) + LF; `writeSSE` → optional `event: `, `id: `, `retry: ` lines (any
 * order), one `data: ` line per CR/LF/CRLF-separated line, a blank line.
 */
import fc from 'fast-check';
import type { WriteCall } from '../arbitraries/stream-calls.ts';
import { concatBytes, utf8 } from '../drive/body.ts';

/** What one call must add to the body. */
export type Segment =
  | { kind: 'bytes'; call: string; bytes: Uint8Array }
  | { kind: 'event'; call: string; fieldLines: Uint8Array[]; dataLines: Uint8Array[] };

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

/** What `call` must add to the body. */
export function expectedSegment(call: WriteCall): Segment {
  const description = describeWriteCall(call);
  switch (call.kind) {
    case 'write':
      return { kind: 'bytes', call: description, bytes: typeof call.data === 'string' ? utf8(call.data) : Uint8Array.from(call.data) };
    case 'writeChunk': {
      const raw = chunkValueBytes(call.value);
      const encoding = call.encoding ?? 'utf-8';
      let bytes: Uint8Array;
      if (encoding === 'utf-8') {
        const isValue = typeof call.value !== 'string' && !(call.value instanceof Uint8Array);
        bytes = isValue ? concatBytes([raw, LF]) : Uint8Array.from(raw);
      } else {
        bytes = utf8(`${Buffer.from(raw).toString(encoding === 'base64' ? 'base64' : 'hex')}\n`);
      }
      return { kind: 'bytes', call: description, bytes };
    }
    case 'writeSSE': {
      const text = typeof call.data === 'string' ? call.data : JSON.stringify(call.data);
      const fieldLines: string[] = [];
      if (call.options?.event !== undefined) fieldLines.push(`event: ${call.options.event}`);
      if (call.options?.id !== undefined) fieldLines.push(`id: ${call.options.id}`);
      if (call.options?.retry !== undefined) fieldLines.push(`retry: ${call.options.retry}`);
      return {
        kind: 'event',
        call: description,
        fieldLines: fieldLines.map(utf8),
        dataLines: text.split(/\r\n|\r|\n/).map((line) => utf8(`data: ${line}`)),
      };
    }
  }
}

/** One way to write a segment (event fields first); for messages. */
export function renderSegment(segment: Segment): Uint8Array {
  if (segment.kind === 'bytes') return segment.bytes;
  return concatBytes([...segment.fieldLines, ...segment.dataLines].flatMap((line) => [line, LF]).concat([LF]));
}

/** The whole expected body in one rendering; for messages. */
export function renderSegments(segments: readonly Segment[]): Uint8Array {
  return concatBytes(segments.map(renderSegment));
}
