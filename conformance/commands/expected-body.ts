/**
 * Judging a body against the model's segments: byte segments must match
 * exactly; an event segment is the lines up to the first blank line, whose
 * `data` lines must be the expected ones in order and whose other lines must
 * be the expected field lines in any order (WHATWG HTML §9.2.5 does not order
 * fields). With `allowPrefix`, the body may stop anywhere (a client that went
 * away), but what is there must be right.
 */
import { bytesEqual } from '../drive/body.ts';
import { escapeBytes } from '../drive/escape.ts';
import { renderSegment, type Segment } from './expected-bytes.ts';

export type BodyMatch = { ok: true } | { ok: false; message: string };

const LF = 0x0a;

function indexOfBlankLine(bytes: Uint8Array, from: number): number {
  for (let index = from; index + 1 < bytes.length; index++) if (bytes[index] === LF && bytes[index + 1] === LF) return index;
  return -1;
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] === LF) {
      lines.push(bytes.subarray(start, index));
      start = index + 1;
    }
  }
  lines.push(bytes.subarray(start));
  return lines;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && bytesEqual(bytes.subarray(0, prefix.length), prefix);
}

const DATA_FIELD = new TextEncoder().encode('data:');

function key(line: Uint8Array): string {
  return Array.from(line).join(',');
}

function sameMultiset(actual: Uint8Array[], expected: Uint8Array[]): boolean {
  if (actual.length !== expected.length) return false;
  const a = actual.map(key).sort();
  const e = expected.map(key).sort();
  return a.every((value, index) => value === e[index]);
}

function show(segment: Segment): string {
  return `"${escapeBytes(renderSegment(segment))}"`;
}

/** Checks `actual` against the model's segments, in order. */
export function matchBody(actual: Uint8Array, segments: readonly Segment[], options: { allowPrefix?: boolean } = {}): BodyMatch {
  const allowPrefix = options.allowPrefix ?? false;
  let offset = 0;
  for (const segment of segments) {
    const rest = actual.subarray(offset);
    if (rest.length === 0) {
      if (allowPrefix) return { ok: true };
      if (segment.kind === 'bytes' && segment.bytes.length === 0) continue;
      return { ok: false, message: `the body ended before the bytes of ${segment.call} (expected ${show(segment)})` };
    }
    if (segment.kind === 'bytes') {
      if (startsWith(rest, segment.bytes)) {
        offset += segment.bytes.length;
        continue;
      }
      if (allowPrefix && rest.length < segment.bytes.length && bytesEqual(rest, segment.bytes.subarray(0, rest.length))) return { ok: true };
      const got = rest.subarray(0, Math.max(segment.bytes.length, 1) + 8);
      return { ok: false, message: `${segment.call} should send ${show(segment)}; at that place the body has "${escapeBytes(got)}"` };
    }
    const blank = indexOfBlankLine(rest, 0);
    const expectedLines = [...segment.fieldLines, ...segment.dataLines];
    if (blank === -1) {
      if (allowPrefix) {
        const lines = splitLines(rest);
        const partial = lines.pop()!;
        const complete = lines.every((line) => expectedLines.some((wanted) => bytesEqual(line, wanted)));
        if (complete && expectedLines.some((wanted) => startsWith(wanted, partial))) return { ok: true };
      }
      return { ok: false, message: `${segment.call} should send one event ${show(segment)}; the body has "${escapeBytes(rest)}", which no blank line ends` };
    }
    const lines = splitLines(rest.subarray(0, blank));
    const dataLines = lines.filter((line) => startsWith(line, DATA_FIELD));
    const fieldLines = lines.filter((line) => !startsWith(line, DATA_FIELD));
    const dataOk = dataLines.length === segment.dataLines.length && dataLines.every((line, index) => bytesEqual(line, segment.dataLines[index]!));
    if (!dataOk || !sameMultiset(fieldLines, segment.fieldLines)) {
      return {
        ok: false,
        message: `${segment.call} should send one event ${show(segment)} (field lines in any order); the body has "${escapeBytes(rest.subarray(0, blank + 2))}"`,
      };
    }
    offset += blank + 2;
  }
  if (offset < actual.length) {
    const last = segments.at(-1);
    return {
      ok: false,
      message: `the body has bytes no call wrote, after ${last === undefined ? 'nothing was written' : last.call}: "${escapeBytes(actual.subarray(offset))}"`,
    };
  }
  return { ok: true };
}
