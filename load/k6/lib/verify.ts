/**
 * Whole-body verifiers, one per scenario route: did the body carry every unit,
 * in order, byte for byte, with the framing the guide promises? Used by the
 * k6 checks and by the project's own tests (a plain HTTP client). No k6 and
 * no Node imports.
 */
import { ChunkDecodeError, decodeChunkLines, decodeUtf8 } from './decode.ts';
import { binaryByte, isPayloadRecord, SSE_EVENT_TYPE, textLine, type ChunkEncoding } from './payload.ts';
import type { RouteParams } from './routes.ts';
import { parseEventStream } from './sse.ts';

export interface VerifyResult {
  ok: boolean;
  /** Units found (lines, blocks, chunks, events). */
  units: number;
  /** What was wrong, for the check's log line. */
  problem?: string;
}

function fail(units: number, problem: string): VerifyResult {
  return { ok: false, units, problem };
}

/** Splits after each LF, keeping it (`"a\nb"` → `["a\n", "b"]`). */
function linesKeepingLf(body: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let end = body.indexOf('\n'); end !== -1; end = body.indexOf('\n', start)) {
    lines.push(body.slice(start, end + 1));
    start = end + 1;
  }
  if (start < body.length) lines.push(body.slice(start));
  return lines;
}

/** `/text/manual`, `/text/generator`: lines `line i...` of `size` bytes. */
export function verifyTextBody(body: string, params: Pick<RouteParams, 'count' | 'size'>): VerifyResult {
  const lines = linesKeepingLf(body);
  for (let index = 0; index < lines.length; index += 1) {
    const expected = textLine(index + 1, params.size);
    if (lines[index] !== expected) {
      return fail(index, `line ${index + 1} is ${JSON.stringify(lines[index]!.slice(0, 40))}, expected ${JSON.stringify(expected.slice(0, 40))}`);
    }
  }
  if (lines.length !== params.count) return fail(lines.length, `${lines.length} lines, expected ${params.count}`);
  return { ok: true, units: lines.length };
}

/** `/binary`, `/slow`: `count` blocks of `size` bytes with the pattern of {@link binaryByte}. A prefix is checked with `allowPrefix`. */
export function verifyBinaryBody(
  bytes: Uint8Array,
  params: Pick<RouteParams, 'count' | 'size'>,
  options: { allowPrefix?: boolean } = {},
): VerifyResult {
  const expectedLength = params.count * params.size;
  const blocks = params.size === 0 ? 0 : Math.floor(bytes.length / params.size);
  if (bytes.length > expectedLength || (!options.allowPrefix && bytes.length !== expectedLength)) {
    return fail(blocks, `${bytes.length} bytes, expected ${expectedLength} (${params.count} × ${params.size})`);
  }
  for (let offset = 0; offset < bytes.length; offset += 1) {
    const block = Math.floor(offset / params.size) + 1;
    const expected = binaryByte(block, offset % params.size);
    if (bytes[offset] !== expected) {
      return fail(block - 1, `byte ${offset} (block ${block}) is ${bytes[offset]}, expected ${expected}`);
    }
  }
  return { ok: true, units: blocks };
}

/** `/chunked`, `/chunked/stream`: chunks `{"i":i,"pad":...}` in `encoding`, one per line. */
export function verifyChunkedBody(body: string, params: Pick<RouteParams, 'count' | 'size'> & { encoding: ChunkEncoding }): VerifyResult {
  let lines: Uint8Array[] | string[];
  try {
    lines = decodeChunkLines(body, params.encoding);
  } catch (error) {
    if (error instanceof ChunkDecodeError) return fail(0, error.message);
    throw error;
  }
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const text = typeof line === 'string' ? line : decodeUtf8(line);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return fail(index, `chunk ${index + 1} decodes to ${JSON.stringify(text.slice(0, 40))}, not JSON`);
    }
    if (!isPayloadRecord(value, index + 1, params.size)) {
      return fail(index, `chunk ${index + 1} is ${JSON.stringify(text.slice(0, 40))}, expected {"i":${index + 1},"pad":<${params.size} dots>}`);
    }
  }
  if (lines.length !== params.count) return fail(lines.length, `${lines.length} chunks, expected ${params.count}`);
  return { ok: true, units: lines.length };
}

/**
 * `/sse` (plain events) and `/sse/ids` (`withIds`: `event: tick`, `id: i`,
 * `retry` on the first): parsed by the WHATWG rules.
 */
export function verifySseBody(
  body: string,
  params: Pick<RouteParams, 'count' | 'size' | 'retry'>,
  options: { withIds: boolean },
): VerifyResult {
  const stream = parseEventStream(body);
  const { events } = stream;
  if (stream.trailing) return fail(events.length, 'the body ends inside an event (no blank line after the last field)');
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index]!;
    let value: unknown;
    try {
      value = JSON.parse(event.data);
    } catch {
      return fail(index, `event ${index + 1} data ${JSON.stringify(event.data.slice(0, 40))} is not JSON`);
    }
    if (!isPayloadRecord(value, index + 1, params.size)) {
      return fail(index, `event ${index + 1} data is ${JSON.stringify(event.data.slice(0, 40))}, expected {"i":${index + 1},"pad":<${params.size} dots>}`);
    }
    const expectedType = options.withIds ? SSE_EVENT_TYPE : 'message';
    if (event.type !== expectedType) return fail(index, `event ${index + 1} has type ${JSON.stringify(event.type)}, expected ${JSON.stringify(expectedType)}`);
    if (options.withIds && event.lastEventId !== String(index + 1)) {
      return fail(index, `event ${index + 1} has last event id ${JSON.stringify(event.lastEventId)}, expected "${index + 1}"`);
    }
  }
  if (events.length !== params.count) return fail(events.length, `${events.length} events, expected ${params.count}`);
  if (options.withIds && params.count > 0 && stream.retry !== params.retry) {
    return fail(events.length, `retry is ${stream.retry === undefined ? 'missing' : stream.retry}, expected ${params.retry}`);
  }
  return { ok: true, units: events.length };
}
