/**
 * Judging a body against the model's segments, each by what a client
 * recovers from it (see `expected-bytes.ts`):
 * - `bytes`: exactly those bytes;
 * - `json-line`: one line up to LF whose JSON is the value (any spacing,
 *   escaping or key order — CHUNK-003 judges the exact text);
 * - `encoded-line`: one line up to LF that decodes to the chunk's bytes
 *   (base64 with or without padding, either alphabet; hex in either case —
 *   CHUNK-005..007 judge the exact form);
 * - `event`: the lines up to the blank line at which a WHATWG parser
 *   (`eventsource-parser`, WHATWG HTML §9.2.6) dispatches an event must make
 *   it dispatch the expected event — type, data, last event id — and set the
 *   expected reconnection time, nothing else; field order, the space after
 *   the colon, comments and data-less blocks before it are the client's
 *   business (SSE-004..SSE-015 judge the exact form). Comment and blank
 *   lines may follow it.
 * On an event stream (`eventStream`), comment and blank lines (heartbeats)
 * may also come at the end, after a call that is not an event (or no call). With `allowPrefix`, the body
 * may stop anywhere (a client that went away), but what is there must be right.
 */
import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { bytesEqual } from '../bytes/bytes.ts';
import { escapeBytes, escapeText } from '../bytes/escape.ts';
import type { ExpectedEvent, Segment } from './expected-bytes.ts';

export type BodyMatch = { ok: true } | { ok: false; message: string };

export interface MatchOptions {
  /** The body may stop anywhere (the client went away). */
  allowPrefix?: boolean;
  /** The stream is an event stream: comment and blank lines may come at the end. */
  eventStream?: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

/** One line of an event stream (WHATWG HTML §9.2.5: ended by CRLF, LF or CR). */
interface Line {
  start: number;
  /** Where the line's text ends (before its terminator). */
  end: number;
  /** Where the next line starts; equal to `end` when the line has no terminator (the body ends in it). */
  next: number;
  complete: boolean;
}

function lineAt(bytes: Uint8Array, start: number): Line {
  for (let index = start; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte === LF) return { start, end: index, next: index + 1, complete: true };
    if (byte === CR) return { start, end: index, next: bytes[index + 1] === LF ? index + 2 : index + 1, complete: true };
  }
  return { start, end: bytes.length, next: bytes.length, complete: false };
}

/** A line a client ignores on its own: a comment (`:…`) or a blank line (with nothing pending it dispatches nothing). */
function isNoOp(bytes: Uint8Array, line: Line): boolean {
  return line.end === line.start || bytes[line.start] === COLON;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function show(segment: Segment): string {
  return `"${escapeBytes(segment.bytes)}"`;
}

/** What a segment matched: where it may end (several ends when trailing no-op lines may belong to it), or that the body ended acceptably inside it. */
type SegmentMatch = { ends: number[] } | { prefixEnd: true } | { fail: string };

/** What a WHATWG parser made of the lines of one event segment. */
interface Parsed {
  events: { type: string; data: string }[];
  /** Every id the lines set (the last one is the event's lastEventId). */
  ids: string[];
  retries: number[];
}

function describeEvent(event: { type: string; data: string }, lastEventId: string | undefined): string {
  return `{type "${escapeText(event.type)}", data "${escapeText(event.data)}"${lastEventId === undefined ? '' : `, lastEventId "${escapeText(lastEventId)}"`}}`;
}

function describeExpected(event: ExpectedEvent): string {
  return `${describeEvent(event, event.id)}${event.retry === undefined ? '' : ` and retry ${event.retry}`}`;
}

/** Why `parsed` (one dispatched event) is not `expected`, or undefined when it is. */
function eventDifference(parsed: Parsed, expected: ExpectedEvent): string | undefined {
  const [event] = parsed.events;
  const lastId = parsed.ids.at(-1);
  const problems: string[] = [];
  if (event!.type !== expected.type || event!.data !== expected.data) problems.push(`it dispatches ${describeEvent(event!, lastId)}`);
  if (expected.id === undefined && parsed.ids.length > 0) problems.push(`it sets the last event id to "${escapeText(lastId!)}", though the call gave no id`);
  if (expected.id !== undefined && lastId !== expected.id) problems.push(lastId === undefined ? 'it sets no id' : `its last event id is "${escapeText(lastId)}"`);
  if (expected.retry === undefined && parsed.retries.length > 0) problems.push(`it sets retry ${parsed.retries.at(-1)}, though the call gave none`);
  if (expected.retry !== undefined && parsed.retries.at(-1) !== expected.retry) problems.push(parsed.retries.length === 0 ? 'it sets no retry' : `it sets retry ${parsed.retries.at(-1)}`);
  return problems.length === 0 ? undefined : problems.join('; ');
}

function matchEvent(bytes: Uint8Array, offset: number, segment: Extract<Segment, { kind: 'event' }>, allowPrefix: boolean): SegmentMatch {
  const parsed: Parsed = { events: [], ids: [], retries: [] };
  const parser = createParser({
    onEvent: (message) => parsed.events.push({ type: message.event ?? 'message', data: message.data }),
    onId: (id) => parsed.ids.push(id),
    onRetry: (retry) => parsed.retries.push(retry),
  });
  let position = offset;
  while (position < bytes.length) {
    const line = lineAt(bytes, position);
    if (!line.complete) break;
    parser.feed(decoder.decode(bytes.subarray(line.start, line.next)));
    position = line.next;
    if (parsed.events.length === 0) continue;
    const sent = bytes.subarray(offset, position);
    const difference = eventDifference(parsed, segment.event);
    if (difference !== undefined) {
      return { fail: `${segment.call} should make a client dispatch ${describeExpected(segment.event)}; the body has "${escapeBytes(sent)}" at that place, and ${difference}` };
    }
    // Comment and blank lines after the event change nothing for the client: they may be the call's.
    const ends = [position];
    // An event ended by a lone CR, then a write that begins with LF: the parser reads CR LF as one line end,
    // but the LF may be the next call's (CR line ends are allowed: WHATWG HTML §9.2.5).
    if (position - offset >= 2 && bytes[position - 1] === LF && bytes[position - 2] === CR) ends.push(position - 1);
    for (let next = lineAt(bytes, position); next.complete && isNoOp(bytes, next); next = lineAt(bytes, next.next)) ends.push(next.next);
    return { ends };
  }
  const rest = bytes.subarray(offset);
  if (allowPrefix) {
    // The ids and retries the cut-off lines set so far (a parser reports them at the blank line that never came).
    parser.feed('\n\n');
    const wrongId = segment.event.id === undefined ? parsed.ids.length > 0 : parsed.ids.some((id) => id !== segment.event.id);
    const wrongRetry = segment.event.retry === undefined ? parsed.retries.length > 0 : parsed.retries.some((retry) => retry !== segment.event.retry);
    if (!wrongId && !wrongRetry) return { prefixEnd: true };
  }
  return { fail: `${segment.call} should make a client dispatch ${describeExpected(segment.event)}; the body from there is "${escapeBytes(rest)}", at which no event is dispatched` };
}

/** A JSON text as one canonical string: keys sorted, numbers and strings as JSON.stringify writes them. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** The bytes a base64 (either alphabet, padding optional) or hex (either case) line stands for; undefined if it is neither. */
function decodeLine(line: string, encoding: 'base64' | 'hex'): Uint8Array | undefined {
  if (encoding === 'hex') return HEX.test(line) ? Uint8Array.from(Buffer.from(line, 'hex')) : undefined;
  if (!BASE64.test(line) || line.replace(/=+$/, '').length % 4 === 1) return undefined;
  return Uint8Array.from(Buffer.from(line.replaceAll('-', '+').replaceAll('_', '/'), 'base64'));
}

function matchLine(bytes: Uint8Array, offset: number, segment: Extract<Segment, { kind: 'json-line' | 'encoded-line' }>, allowPrefix: boolean): SegmentMatch {
  const rest = bytes.subarray(offset);
  const lf = rest.indexOf(LF);
  if (lf === -1) {
    if (allowPrefix) return { prefixEnd: true };
    return { fail: `${segment.call} should send one line ${show(segment)} (ended by LF); the body from there is "${escapeBytes(rest)}", with no LF` };
  }
  const line = decoder.decode(rest.subarray(0, lf));
  if (segment.kind === 'json-line') {
    let parsed: { value: unknown } | undefined;
    try {
      parsed = { value: JSON.parse(line) as unknown };
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined && canonicalJson(parsed.value) === canonicalJson(JSON.parse(JSON.stringify(segment.value)))) return { ends: [offset + lf + 1] };
    return { fail: `${segment.call} should send one line holding the JSON of ${fc.stringify(segment.value)} (${show(segment)}); at that place the body has the line "${escapeText(line)}"` };
  }
  const decoded = decodeLine(line, segment.encoding);
  if (decoded !== undefined && bytesEqual(decoded, segment.raw)) return { ends: [offset + lf + 1] };
  return {
    fail: `${segment.call} should send one ${segment.encoding} line of the chunk's bytes (${show(segment)}); at that place the body has the line "${escapeText(line)}"${decoded === undefined ? `, which is not ${segment.encoding}` : `, which decodes to "${escapeBytes(decoded)}"`}`,
  };
}

function matchSegment(bytes: Uint8Array, offset: number, segment: Segment, allowPrefix: boolean): SegmentMatch {
  const rest = bytes.subarray(offset);
  switch (segment.kind) {
    case 'bytes': {
      if (rest.length >= segment.bytes.length && bytesEqual(rest.subarray(0, segment.bytes.length), segment.bytes)) return { ends: [offset + segment.bytes.length] };
      if (allowPrefix && rest.length < segment.bytes.length && bytesEqual(rest, segment.bytes.subarray(0, rest.length))) return { prefixEnd: true };
      if (rest.length === 0) return { fail: `the body ended before the bytes of ${segment.call} (expected ${show(segment)})` };
      const got = rest.subarray(0, Math.max(segment.bytes.length, 1) + 8);
      return { fail: `${segment.call} should send ${show(segment)}; at that place the body has "${escapeBytes(got)}"` };
    }
    case 'json-line':
    case 'encoded-line':
      return matchLine(bytes, offset, segment, allowPrefix);
    case 'event':
      return matchEvent(bytes, offset, segment, allowPrefix);
  }
}

/** Offsets reachable from `offset` over whole no-op lines (comments, blank lines), `offset` first; `partialTail` when the body ends inside a comment line. */
function noOpRun(bytes: Uint8Array, offset: number): { offsets: number[]; partialTail: boolean } {
  const offsets = [offset];
  let position = offset;
  while (position < bytes.length) {
    const line = lineAt(bytes, position);
    if (!line.complete) return { offsets, partialTail: bytes[line.start] === COLON };
    if (!isNoOp(bytes, line)) break;
    position = line.next;
    offsets.push(position);
  }
  return { offsets, partialTail: false };
}

/** Checks `actual` against the model's segments, in order. */
export function matchBody(actual: Uint8Array, segments: readonly Segment[], options: MatchOptions = {}): BodyMatch {
  const allowPrefix = options.allowPrefix ?? false;
  const eventStream = options.eventStream ?? false;
  const failed = new Set<string>();
  /** The failure that got furthest into the body: the one to report. */
  let best: { index: number; offset: number; message: string } | undefined;
  const fail = (index: number, offset: number, message: string): false => {
    if (best === undefined || index > best.index || (index === best.index && offset > best.offset)) best = { index, offset, message };
    return false;
  };

  const search = (index: number, offset: number): boolean => {
    const key = `${index}:${offset}`;
    if (failed.has(key)) return false;
    const found = step(index, offset);
    if (!found) failed.add(key);
    return found;
  };

  const step = (index: number, offset: number): boolean => {
    if (index === segments.length) {
      if (offset === actual.length) return true;
      if (eventStream) {
        const run = noOpRun(actual, offset);
        if (run.offsets.at(-1) === actual.length || (allowPrefix && run.partialTail)) return true;
      }
      const last = segments.at(-1);
      return fail(index, offset, `the body has bytes no call wrote, after ${last === undefined ? 'nothing was written' : last.call}: "${escapeBytes(actual.subarray(offset))}"`);
    }
    const segment = segments[index]!;
    if (offset === actual.length) {
      if (allowPrefix) return true;
      if (segment.kind === 'bytes' && segment.bytes.length === 0) return search(index + 1, offset);
      return fail(index, offset, `the body ended before ${segment.kind === 'bytes' ? 'the bytes of ' : ''}${segment.call} (expected ${show(segment)})`);
    }
    // (Comment lines and data-less blocks before an event are the event's own lines: the parser skips them.)
    const match = matchSegment(actual, offset, segment, allowPrefix);
    if ('prefixEnd' in match) return true;
    if ('fail' in match) return fail(index, offset, match.fail);
    for (const end of match.ends) if (search(index + 1, end)) return true;
    return false;
  };

  return search(0, 0) ? { ok: true } : { ok: false, message: best?.message ?? 'the body does not match the calls' };
}
