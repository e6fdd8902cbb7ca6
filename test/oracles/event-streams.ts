/**
 * Generated event streams for the oracle differential tests: bytes built from
 * every form the event-stream format has (WHATWG HTML §9.2.5) — a BOM (or
 * two, or bytes that look like one), comments, fields with and without the
 * space after the colon and without a colon at all, known and unknown field
 * names, CR / LF / CRLF line ends, NUL, lone surrogates and ill-formed UTF-8
 * in values, bogus and valid `retry` values, events without data, and a
 * stream that ends inside an event or in the middle of a line.
 */
import fc from 'fast-check';

/** A piece of a stream: text (UTF-8 encoded) or raw bytes. */
export type Segment = string | { bytes: number[] };

export interface GeneratedStream {
  segments: Segment[];
  /** Every `event` field value as written (for listening to every type a client might dispatch). */
  eventValues: string[];
  /** Where the bytes are cut into chunks when served or fed (sizes). */
  chunks: number[];
}

export function streamBytes(stream: GeneratedStream): Uint8Array {
  const out: number[] = [];
  const encoder = new TextEncoder();
  for (const segment of stream.segments) out.push(...(typeof segment === 'string' ? encoder.encode(segment) : segment.bytes));
  return Uint8Array.from(out);
}

/** The stream as a person reads it: text JSON-escaped, raw bytes as hex. */
export function describeStream(stream: GeneratedStream): string {
  return stream.segments.map((segment) => (typeof segment === 'string' ? JSON.stringify(segment) : `<${segment.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}>`)).join(' + ');
}

const lineEnd = fc.oneof({ weight: 4, arbitrary: fc.constant('\n') }, { weight: 2, arbitrary: fc.constant('\r\n') }, { weight: 2, arbitrary: fc.constant('\r') });

/** Characters of values: ASCII, spaces and colons, NUL, tab, non-ASCII, a BOM, a lone surrogate (sent as U+FFFD). */
const valueChar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcxyz019 '.split('')) },
  { weight: 2, arbitrary: fc.constantFrom(':', ': ', '  ', '\t', '\0', '"', '\\') },
  { weight: 2, arbitrary: fc.constantFrom('é', '…', '😀', '\ufeff', '\u2028', '\u0085', '\ud800', 'data:', 'id: 1') },
);
const text = (maxLength = 8) => fc.string({ unit: valueChar, maxLength });

/** Ill-formed UTF-8 (a lone continuation byte, a truncated sequence, an encoded surrogate, an overlong form, 0xFF). */
const illFormed = fc.constantFrom<number[]>([0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xff]).map((bytes): Segment => ({ bytes: [...bytes] }));

/** A value: text, sometimes with ill-formed bytes in it. */
const value = (maxLength = 8): fc.Arbitrary<Segment[]> =>
  fc.oneof(
    { weight: 9, arbitrary: text(maxLength).map((t): Segment[] => [t]) },
    { weight: 1, arbitrary: fc.tuple(text(3), illFormed, text(3)).map(([a, bad, b]): Segment[] => [a, bad, b]) },
  );

/** Values of `retry`: short or long valid ones (so a browser's reconnection shows which one it took), and bogus ones. */
const retryValue = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 300 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }).map((n) => `00${n}`) },
  { weight: 3, arbitrary: fc.integer({ min: 60_000, max: 900_000 }).map(String) },
  { weight: 3, arbitrary: fc.constantFrom('100x', ' 50', '-1', '1.5', '', '1e2', '+5', '\u0661\u0662', '0x10', '\uff11\uff12', '50 ', 'abc') },
);

const eventValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', 'message', 'x', 'update', 'error', 'open', ' x', 'a b', 'é', 'x\0y', 'Message') },
  { weight: 1, arbitrary: text(6) },
);

const idValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', '1', '42', 'abc', ' 7', 'é…', 'x\0', '\0') },
  { weight: 2, arbitrary: text(6).map((t) => t.replaceAll('\0', '')) },
);

const unknownName = fc.constantFrom('Data', 'DATA', 'dat', 'datas', 'data ', ' data', 'data\0', 'ID', 'Event', 'retryx', 'foo', 'événement', 'x-y', '\ufeffdata');

/** How the name and value are joined: no colon (value dropped), colon, colon + space, colon + two spaces. */
const separator = fc.constantFrom('', ':', ': ', ':  ', ': ', ':');

interface Line {
  segments: Segment[];
  event?: string;
}

const fieldLine: fc.Arbitrary<Line> = fc
  .oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constant('data'), value(10)) },
    { weight: 2, arbitrary: fc.tuple(fc.constant('event'), eventValue.map((v): Segment[] => [v])) },
    { weight: 2, arbitrary: fc.tuple(fc.constant('id'), idValue.map((v): Segment[] => [v])) },
    { weight: 2, arbitrary: fc.tuple(fc.constant('retry'), retryValue.map((v): Segment[] => [v])) },
    { weight: 1, arbitrary: fc.tuple(unknownName, value(6)) },
  )
  .chain(([name, val]) =>
    fc.tuple(separator, lineEnd).map(([sep, end]): Line => {
      const segments: Segment[] = sep === '' ? [name] : [name + sep, ...val];
      segments.push(end);
      const written = sep === '' ? '' : (sep + val.map((s) => (typeof s === 'string' ? s : '')).join('')).slice(1);
      return name === 'event' ? { segments, event: written } : { segments };
    }),
  );

const commentLine: fc.Arbitrary<Line> = fc.tuple(value(8), lineEnd).map(([val, end]) => ({ segments: [':', ...val, end] }));

const line = fc.oneof({ weight: 5, arbitrary: fieldLine }, { weight: 1, arbitrary: commentLine });

/** A block: some lines, then the blank line that dispatches it. */
const block = fc.tuple(fc.array(line, { maxLength: 4 }), lineEnd).map(([lines, end]) => ({ lines, end }));

/** How the stream starts: nothing, a BOM, two BOMs, the BOM's bytes read as Latin-1 text, a BOM then a long retry. */
const opening = fc.constantFrom<Segment[]>(
  [],
  [],
  [{ bytes: [0xef, 0xbb, 0xbf] }],
  [{ bytes: [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf] }],
  ['\u00ef\u00bb\u00bf'],
  ['\ufeff'],
  ['retry: 600000\n\n'],
  ['retry:600000\n\n'],
  [{ bytes: [0xef, 0xbb, 0xbf] }, 'retry: 600000\n'],
);

/** How the stream ends: on an event boundary, inside an event, or in the middle of a line. */
const ending = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Line[]>([]) },
  { weight: 1, arbitrary: fc.array(line, { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: fieldLine.map((l): Line[] => [{ ...l, segments: l.segments.slice(0, -1) }]) },
);

/** A generated stream. */
export function eventStream(options: { maxBlocks?: number } = {}): fc.Arbitrary<GeneratedStream> {
  return fc
    .tuple(opening, fc.array(block, { maxLength: options.maxBlocks ?? 6 }), ending, fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 6 }))
    .map(([start, blocks, end, chunks]) => {
      const segments: Segment[] = [...start];
      const eventValues: string[] = [];
      const add = (l: Line) => {
        segments.push(...l.segments);
        if (l.event !== undefined) eventValues.push(l.event);
      };
      for (const b of blocks) {
        b.lines.forEach(add);
        segments.push(b.end);
      }
      end.forEach(add);
      return { segments, eventValues, chunks };
    });
}
