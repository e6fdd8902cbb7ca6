/**
 * The bytes every scenario route sends, defined once: the load target
 * (`load/serve/`) produces them and the k6 checks recompute them. No k6 and no
 * Node imports, so both sides (and vitest) can load this file.
 */

/** Byte `j` of binary block `i` (1-based blocks): a pattern that shows truncation and reordering. */
export function binaryByte(block: number, offset: number): number {
  return (block * 31 + offset) & 0xff;
}

/** Binary block `i` of `size` bytes. */
export function binaryBlock(block: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 1) bytes[offset] = binaryByte(block, offset);
  return bytes;
}

/** Text line `i` (1-based): `line i` padded with dots to `size` bytes including the LF (never shorter than `line i\n`). */
export function textLine(line: number, size: number): string {
  const head = `line ${line}`;
  return `${head}${'.'.repeat(Math.max(0, size - head.length - 1))}\n`;
}

/** The JSON value of chunk / event `i`: `{ i, pad }` with `size` dots of padding. */
export interface PayloadRecord {
  i: number;
  pad: string;
}

export function payloadRecord(index: number, size: number): PayloadRecord {
  return { i: index, pad: '.'.repeat(size) };
}

/** True when `value` is exactly {@link payloadRecord}(index, size). */
export function isPayloadRecord(value: unknown, index: number, size: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<PayloadRecord>;
  return record.i === index && typeof record.pad === 'string' && record.pad.length === size && /^\.*$/.test(record.pad);
}

/** Chunk encodings of the guide's `ChunkOptions`. */
export const CHUNK_ENCODINGS = ['utf-8', 'base64', 'hex'] as const;
export type ChunkEncoding = (typeof CHUNK_ENCODINGS)[number];

/** The SSE event type the `/sse/ids` route sets. */
export const SSE_EVENT_TYPE = 'tick';
