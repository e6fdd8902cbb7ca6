/**
 * A manual stream that encodes every call to bytes itself (a fresh UTF-8
 * encoding per call, with the faithful encoders of `test/broken/`) and hands
 * the reference's stream one joined chunk per turn: writes made in the same
 * synchronous run reach the body as one chunk, at the end of that job
 * (`queueMicrotask`), so each write still reaches the client before a later,
 * awaited write is made (WIRE-006: the suite writes again only after the
 * client saw the last write).
 */
import type { ManualStream } from '../../../reference/index.ts';
import { encodeSseComment } from '../../../reference/sse.ts';
import { withPatch, type StreamLike } from '../../broken/break.ts';
import { ChunkEncoder } from '../../broken/chunk-encoder.ts';
import { SseEncoder } from '../../broken/sse-encoder.ts';
import { isOpen, optionsRecord } from '../../broken/stream-like.ts';

const sse = new SseEncoder();
const chunks = new ChunkEncoder();

/** The bytes of one `write` argument: text as UTF-8 (a new encoder each time), bytes copied as they are now. */
export function writeBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return data.slice();
  throw new TypeError(`data must be a string or a Uint8Array, not ${data === null ? 'null' : typeof data}; use writeChunk() for values`);
}

/** The bytes of one `writeSSE` call (TypeError for invalid options or data, before anything is written). */
export function sseBytes(data: unknown, options: unknown): Uint8Array {
  return new TextEncoder().encode(sse.event(data, sse.fields('options', options)));
}

/** The bytes of one `writeChunk` call. */
export function chunkBytes(value: unknown, options: unknown): Uint8Array {
  return chunks.encode(value, chunks.encoding('options.encoding', optionsRecord('options', options).encoding));
}

/** The bytes of one `writeComment` call. */
export function commentBytes(text: unknown = ''): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`text must be a string, not ${typeof text}`);
  return new TextEncoder().encode(encodeSseComment(text));
}

/** `stream` (delegating to `inner`) with every write encoded here and joined per turn. */
export function coalescingStream(stream: StreamLike, inner: ManualStream): StreamLike {
  let parts: Uint8Array[] = [];
  let queued = false;
  let closedHere = false;
  const requireOpen = (method: string): void => {
    if (closedHere || !isOpen(inner)) throw new Error(`${method}: the stream has ended (closed, or the client went away)`);
  };
  const flush = (): void => {
    queued = false;
    if (parts.length === 0) return;
    const joined = join(parts);
    parts = [];
    if (isOpen(inner)) inner.write(joined);
  };
  const push = (method: string, encode: () => Uint8Array): void => {
    requireOpen(method);
    const bytes = encode();
    if (bytes.byteLength === 0) return;
    parts.push(bytes);
    if (!queued) {
      queued = true;
      queueMicrotask(flush);
    }
  };
  return withPatch(stream, {
    write: (data) => push('write', () => writeBytes(data)),
    writeChunk: (value, options) => push('writeChunk', () => chunkBytes(value, options)),
    writeSSE: (data, options) => push('writeSSE', () => sseBytes(data, options)),
    writeComment: (text) => push('writeComment', () => commentBytes(text)),
    close() {
      if (closedHere || !isOpen(inner)) return;
      closedHere = true;
      flush();
      inner.close();
    },
  });
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
