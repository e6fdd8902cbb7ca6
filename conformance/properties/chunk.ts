/**
 * CHUNK-001..011: what `writeChunk` and `chunkedResponse` put in the body.
 * Expected bytes come from a model much simpler than any implementation
 * (`expectedChunkBytes`: UTF-8 / NDJSON, Node's own base64 and hex); the
 * client side decodes with Node's `Buffer` after a strict check of each line.
 * spec §2.8; RFC 4648 §4 (base64), §8 (base16); RFC 9112 §7.1.
 */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import {
  chunkArgument,
  chunkBytes,
  chunkValue,
  chunkValues,
  describeChunk,
  encodingOption,
  encodingSensitiveBytes,
  expectedChunkBytes,
  unknownEncoding,
  type ChunkEncodingName,
  type ChunkValue,
} from '../arbitraries/chunks.ts';
import { anyText } from '../arbitraries/text.ts';
import { jsonNonStringValue, unserializableValue } from '../arbitraries/values.ts';
import { attempt, CallLog, describeThrown } from '../drive/attempt.ts';
import { bytesEqual, concatBytes } from '../bytes/bytes.ts';
import { escapeBytes, escapeText } from '../bytes/escape.ts';
import { expectRefusedCall } from '../drive/refused-call.ts';
import { runHandler, runManualStream, runResponse, yieldEach } from '../drive/stream-run.ts';
import { CheckBlocked, type Check, type CheckContext } from '../runner/check.ts';
import type { ManualStreamUnderTest } from '../adapter/under-test.ts';
import { checkProperty, expectThat, Mismatch } from '../runner/property.ts';

/** How chunks are sent: `writeChunk` on a manual stream, or `chunkedResponse`. */
type Via = 'writeChunk' | 'chunkedResponse';
const via = (): fc.Arbitrary<Via> => fc.constantFrom<Via>('writeChunk', 'chunkedResponse');

/** The iterable handed to `chunkedResponse`. */
type SourceKind = 'array' | 'generator' | 'async generator';
const sourceKind = (): fc.Arbitrary<SourceKind> => fc.constantFrom<SourceKind>('array', 'generator', 'async generator');

function optionsOf(encoding: ChunkEncodingName | undefined): { encoding: ChunkEncodingName } | undefined {
  return encoding === undefined ? undefined : { encoding };
}

function describeCall(how: Via, chunks: readonly ChunkValue[], encoding: ChunkEncodingName | undefined, source: SourceKind = 'array'): string {
  const options = encoding === undefined ? '' : `, { encoding: "${encoding}" }`;
  if (how === 'writeChunk') return chunks.length === 0 ? 'no writeChunk call' : chunks.map((chunk) => `writeChunk(${describeChunk(chunk)}${options})`).join(', ');
  return `chunkedResponse(${source} [${chunks.map(describeChunk).join(', ')}]${options})`;
}

/** Makes every `writeChunk` call (through `log`, not awaited); a valid call that throws fails the run. */
function writeChunks(stream: ManualStreamUnderTest, chunks: readonly ChunkValue[], encoding: ChunkEncodingName | undefined, log: CallLog): void {
  const options = optionsOf(encoding);
  for (const chunk of chunks) {
    const value = chunkArgument(chunk);
    const outcome = log.call(() => (options === undefined ? stream.writeChunk(value) : stream.writeChunk(value, options)), describeCall('writeChunk', [chunk], encoding));
    if (outcome.threw) throw new Mismatch(`${describeCall('writeChunk', [chunk], encoding)} threw ${describeThrown(outcome.error)}; it is a valid call`);
  }
}

function iterableOf(values: readonly unknown[], source: SourceKind): unknown {
  if (source === 'array') return [...values];
  if (source === 'generator') return (function* () {
    yield* values;
  })();
  return yieldEach(values);
}

/** Sends `chunks` through `how`; returns the body bytes and the call for messages. */
async function sendChunks(
  ctx: CheckContext,
  how: Via,
  chunks: readonly ChunkValue[],
  encoding: ChunkEncodingName | undefined,
  source: SourceKind = 'array',
): Promise<{ bytes: Uint8Array; subject: string }> {
  const subject = describeCall(how, chunks, encoding, source);
  if (how === 'writeChunk') {
    const run = await runManualStream(ctx, undefined, (stream, log) => writeChunks(stream, chunks, encoding, log));
    return { bytes: run.body.bytes, subject };
  }
  const options = optionsOf(encoding);
  const run = await runResponse(ctx, subject, (c) => {
    const iterable = iterableOf(chunks.map(chunkArgument), source);
    return options === undefined ? c.chunkedResponse(iterable) : c.chunkedResponse(iterable, options);
  });
  return { bytes: run.body.bytes, subject };
}

function expectedBody(chunks: readonly ChunkValue[], encoding: ChunkEncodingName | undefined): Uint8Array {
  return concatBytes(chunks.map((chunk) => expectedChunkBytes(chunk, encoding)));
}

/** Fails unless the body is exactly `expected`. */
function expectBody(bytes: Uint8Array, expected: Uint8Array, subject: string, rule: string): void {
  if (!bytesEqual(bytes, expected)) blockOnFraming(bytes, expected, subject);
  expectThat(bytesEqual(bytes, expected), `${subject}: the body is "${escapeBytes(bytes)}", expected "${escapeBytes(expected)}"; ${rule}`, { sent: bytes });
}

/** A check: chunks from `chunks` sent both ways with `encoding`, the body equal to the model's. */
function bodyCheck(
  requirement: 'CHUNK-001' | 'CHUNK-002' | 'CHUNK-003',
  title: string,
  chunks: fc.Arbitrary<ChunkValue[]>,
  rule: string,
): Check {
  return {
    requirement,
    title,
    async run(ctx) {
      await checkProperty(
        ctx,
        fc.asyncProperty(via(), chunks, fc.constantFrom(undefined, 'utf-8' as const), sourceKind(), async (how, values, encoding, source) => {
          const { bytes, subject } = await sendChunks(ctx, how, values, encoding, source);
          expectBody(bytes, expectedBody(values, encoding), subject, rule);
        }),
      );
    },
  };
}

/**
 * A body that differs from the model because it carries HTTP chunk framing
 * is CHUNK-011's (the chunks inside the frames may be right): the run is
 * blocked by it rather than judged on the encoding.
 */
function blockOnFraming(bytes: Uint8Array, expected: Uint8Array, subject: string): void {
  const framing = framingIn(bytes, expected);
  if (framing !== undefined) throw new CheckBlocked('CHUNK-011', `${subject}: the body carries HTTP chunk framing (${framing}): CHUNK-011's rule`);
}

/** The lines of an encoded body: split on `\n`; the body must end with `\n` (or be empty). */
function encodedLines(bytes: Uint8Array, subject: string): string[] {
  const text = new TextDecoder().decode(bytes);
  if (text === '') return [];
  expectThat(text.endsWith('\n'), `${subject}: the body does not end with "\\n" after the last chunk: "${escapeText(text.slice(-16))}"`, { sent: bytes });
  return text.slice(0, -1).split('\n');
}

/** Fails unless the body has one line per chunk. */
function expectLineCount(lines: readonly string[], chunks: readonly ChunkValue[], bytes: Uint8Array, subject: string): void {
  expectThat(lines.length === chunks.length, `${subject}: the body holds ${lines.length} line(s) for ${chunks.length} chunk(s): "${escapeBytes(bytes)}"`, { sent: bytes });
}

const BASE64_STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
/** Base16 as a client decodes it: RFC 4648 §8's alphabet is upper case; lower case (CHUNK-007's rule) decodes the same. */
const HEX_ANY_CASE = /^(?:[0-9a-fA-F]{2})*$/;

/** Chunks with all paddings and all of the alphabet likely: bytes weighted to `+` and `/`. */
function encodedChunks(): fc.Arbitrary<ChunkValue[]> {
  return chunkValues({ minLength: 1, maxLength: 6, value: fc.oneof({ weight: 3, arbitrary: encodingSensitiveBytes() }, { weight: 2, arbitrary: chunkValue() }) });
}

const stringChunks = bodyCheck(
  'CHUNK-001',
  'a string chunk is its UTF-8 bytes, nothing added',
  chunkValues({ value: anyText() }),
  'with utf-8 a string is sent as its UTF-8 bytes, nothing added',
);

const byteChunks = bodyCheck(
  'CHUNK-002',
  'a byte chunk is sent byte for byte',
  chunkValues({ value: encodingSensitiveBytes() }),
  'with utf-8 a Uint8Array is sent as is',
);

const jsonChunks = bodyCheck(
  'CHUNK-003',
  'a JSON chunk is JSON.stringify(value) and "\\n" (NDJSON)',
  chunkValues({ value: jsonNonStringValue().map((json): ChunkValue => ({ json })) }),
  'with utf-8 any other value is sent as JSON.stringify(value) followed by "\\n"',
);

const unserializableRefused: Check = {
  requirement: 'CHUNK-004',
  title: 'writeChunk of a value JSON cannot carry throws a TypeError and writes nothing',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(chunkValues({ maxLength: 2 }), unserializableValue(), encodingOption(), chunkValues({ maxLength: 2 }), async (before, bad, encoding, after) => {
        const options = optionsOf(encoding);
        await expectRefusedCall(ctx, undefined, {
          before: (stream, log) => writeChunks(stream, before, encoding, log),
          call: (stream) => (options === undefined ? stream.writeChunk(bad.value) : stream.writeChunk(bad.value, options)),
          after: (stream, log) => writeChunks(stream, after, encoding, log),
          what: `writeChunk(${bad.label}${options === undefined ? '' : `, { encoding: "${encoding}" }`})`,
          rule: 'JSON.stringify cannot carry it, so it must be a TypeError and nothing is written',
        });
      }),
    );
  },
};

/**
 * The property shared by the encoding checks: chunks sent with `encoding`
 * (by writeChunk or chunkedResponse) come out one line each, and `judge`
 * looks at every line beside the bytes of its chunk.
 */
function eachEncodedLine(
  ctx: CheckContext,
  encoding: 'base64' | 'hex',
  judge: (line: string, chunk: Uint8Array, index: number, sent: { subject: string; bytes: Uint8Array }) => void,
): Promise<void> {
  return checkProperty(
    ctx,
    fc.asyncProperty(via(), encodedChunks(), async (how, chunks) => {
      const { bytes, subject } = await sendChunks(ctx, how, chunks, encoding);
      const expected = expectedBody(chunks, encoding);
      if (!bytesEqual(bytes, expected)) blockOnFraming(bytes, expected, subject);
      const lines = encodedLines(bytes, subject);
      expectLineCount(lines, chunks, bytes, subject);
      lines.forEach((line, index) => judge(line, chunkBytes(chunks[index]!), index, { subject, bytes }));
    }),
  );
}

const base64Alphabet: Check = {
  requirement: 'CHUNK-005',
  title: 'base64 chunks use the standard alphabet (+ and /), one line each',
  run: (ctx) =>
    eachEncodedLine(ctx, 'base64', (line, chunk, index, { subject, bytes }) => {
      const expected = Buffer.from(chunk).toString('base64');
      expectThat(
        BASE64_STANDARD.test(line) && line.replace(/=+$/, '') === expected.replace(/=+$/, ''),
        `${subject}: chunk #${index + 1} is encoded as "${escapeText(line)}", expected "${expected}" (RFC 4648 §4 standard alphabet: + and /, not - and _)`,
        { sent: bytes },
      );
    }),
};

/**
 * CHUNK-006 judges the padding of every line on its own: a line of n
 * base64 characters before its "=" needs (4 - n % 4) % 4 of them. Which
 * chunk a line carries, and how many lines there are, are CHUNK-005/008's.
 */
const base64Padding: Check = {
  requirement: 'CHUNK-006',
  title: 'base64 chunks carry their = padding',
  run: (ctx) =>
    checkProperty(
      ctx,
      fc.asyncProperty(via(), encodedChunks(), async (how, chunks) => {
        const { bytes, subject } = await sendChunks(ctx, how, chunks, 'base64');
        const expected = expectedBody(chunks, 'base64');
        if (bytesEqual(bytes, expected)) return;
        blockOnFraming(bytes, expected, subject);
        const text = new TextDecoder().decode(bytes);
        const lines = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
        lines.forEach((line, index) => {
          const got = /=*$/.exec(line)![0].length;
          const padding = (4 - ((line.length - got) % 4)) % 4;
          expectThat(
            line.length % 4 === 0 && got === padding,
            `${subject}: line ${index + 1} of the body is "${escapeText(line)}" (length ${line.length}, ${got} "="), expected a length that is a multiple of 4 with ${padding} "=" (RFC 4648 §3.2)`,
            { sent: bytes },
          );
        });
      }),
    ),
};

const hexLowercase: Check = {
  requirement: 'CHUNK-007',
  title: 'hex chunks are lowercase base16, two digits a byte, one line each',
  run: (ctx) =>
    eachEncodedLine(ctx, 'hex', (line, chunk, index, { subject, bytes }) => {
      const expected = Buffer.from(chunk).toString('hex');
      expectThat(line === expected, `${subject}: chunk #${index + 1} is encoded as "${escapeText(line)}", expected "${expected}" (RFC 4648 §8, lowercase)`, { sent: bytes });
    }),
};

/** A client's decoder, from the body alone: strict validation of the line, then Node's decoder. */
function decodeLine(line: string, encoding: 'base64' | 'hex'): Uint8Array | undefined {
  if (encoding === 'hex') return HEX_ANY_CASE.test(line) ? Uint8Array.from(Buffer.from(line, 'hex')) : undefined;
  return BASE64_STANDARD.test(line) && line.length % 4 === 0 ? Uint8Array.from(Buffer.from(line, 'base64')) : undefined;
}

const recoverable: Check = {
  requirement: 'CHUNK-008',
  title: 'every base64 or hex chunk, empty ones included, is recovered from the body alone',
  async run(ctx) {
    const chunks = chunkValues({ maxLength: 6, value: fc.oneof(chunkValue(), fc.constantFrom<ChunkValue>('', new Uint8Array(0))) });
    await checkProperty(
      ctx,
      fc.asyncProperty(via(), chunks, fc.constantFrom('base64' as const, 'hex' as const), sourceKind(), async (how, values, encoding, source) => {
        const { bytes, subject } = await sendChunks(ctx, how, values, encoding, source);
        const text = new TextDecoder().decode(bytes);
        const lines = text === '' ? [] : text.split('\n');
        const last = lines.pop();
        expectThat(last === undefined || last === '', `${subject}: the body does not end with "\\n": it cannot be split into chunks ("${escapeBytes(bytes)}")`, { sent: bytes });
        expectLineCount(lines, values, bytes, subject);
        lines.forEach((line, index) => {
          const decoded = decodeLine(line, encoding);
          const expected = chunkBytes(values[index]!);
          expectThat(
            decoded !== undefined && bytesEqual(decoded, expected),
            `${subject}: line #${index + 1} "${escapeText(line)}" ${decoded === undefined ? `is not valid ${encoding}` : `decodes to "${escapeBytes(decoded)}"`}, expected "${escapeBytes(expected)}"`,
            { sent: bytes },
          );
        });
      }),
    );
  },
};

function describeEncoding(encoding: unknown): string {
  return typeof encoding === 'string' ? `"${escapeText(encoding)}"` : String(encoding);
}

const unknownEncodingWriteChunk: Check = {
  requirement: 'CHUNK-009',
  title: 'writeChunk with an unknown encoding throws a TypeError and writes nothing',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(chunkValues({ maxLength: 2 }), chunkValue(), unknownEncoding(), chunkValues({ maxLength: 2 }), async (before, chunk, encoding, after) => {
        await expectRefusedCall(ctx, undefined, {
          before: (stream, log) => writeChunks(stream, before, undefined, log),
          call: (stream) => stream.writeChunk(chunkArgument(chunk), { encoding: encoding as string }),
          after: (stream, log) => writeChunks(stream, after, undefined, log),
          what: `writeChunk(${describeChunk(chunk)}, { encoding: ${describeEncoding(encoding)} })`,
          rule: 'an encoding other than utf-8, base64 or hex is a TypeError at the call',
        });
      }),
    );
  },
};

const unknownEncodingChunkedResponse: Check = {
  requirement: 'CHUNK-009',
  title: 'chunkedResponse with an unknown encoding throws a TypeError at the call',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(chunkValues({ minLength: 1, maxLength: 3 }), unknownEncoding(), async (chunks, encoding) => {
        const what = `chunkedResponse(generator of ${chunks.length} chunk(s), { encoding: ${describeEncoding(encoding)} })`;
        const values = chunks.map(chunkArgument);
        // Pulling a chunk before refusing is allowed: the rule is that nothing is sent.
        const source = (function* () {
          yield* values;
        })();
        await runHandler(ctx, what, async (c) => {
          const made = await attempt(() => c.chunkedResponse(source, { encoding: encoding as string }), what);
          if (!made.threw) throw new Mismatch(`${what} did not throw; an encoding other than utf-8, base64 or hex is a TypeError at the call`);
          if (!(made.error instanceof TypeError)) throw new Mismatch(`${what} threw ${describeThrown(made.error)}, not a TypeError`);
          return new Response('refused');
        });
      }),
    );
  },
};

const chunkedResponseInOrder: Check = {
  requirement: 'CHUNK-010',
  title: 'chunkedResponse takes an array, an iterable or an async iterable and sends each chunk, encoded, in order',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(chunkValues({ maxLength: 8 }), encodingOption(), sourceKind(), async (chunks, encoding, source) => {
        const { bytes, subject } = await sendChunks(ctx, 'chunkedResponse', chunks, encoding, source);
        const expected = expectedBody(chunks, encoding);
        if (bytesEqual(bytes, expected)) return;
        // What a chunk is sent as is judged by CHUNK-001..008 (for both calls): when chunkedResponse sends what
        // writeChunk sends for the same chunks, the difference is theirs. This one is the iterable and the order.
        const control = await sendChunks(ctx, 'writeChunk', chunks, encoding);
        if (bytesEqual(bytes, control.bytes)) return;
        expectBody(bytes, expected, subject, `each chunk is sent, encoded, in order (${control.subject} sends "${escapeBytes(control.bytes)}")`);
      }),
    );
  },
};

const CRLF = [0x0d, 0x0a] as const;
const LAST_CHUNK = Uint8Array.from([0x30, ...CRLF, ...CRLF]);

/**
 * The frames of `bytes` read as HTTP/1.1 chunked coding (RFC 9112 §7.1):
 * `<hex size>\r\n<size bytes>\r\n` to the end of the body, possibly ended
 * by the last chunk `0\r\n\r\n`. Undefined unless all of the body is such
 * frames (and there is at least one, or the last chunk).
 */
function chunkFrames(bytes: Uint8Array): { first: string; count: number; last: boolean } | undefined {
  let at = 0;
  let count = 0;
  let first: string | undefined;
  while (at < bytes.length) {
    let end = at;
    while (end < bytes.length && /[0-9a-fA-F]/.test(String.fromCharCode(bytes[end]!))) end++;
    if (end === at || end - at > 8 || bytes[end] !== CRLF[0] || bytes[end + 1] !== CRLF[1]) return undefined;
    const sizeLine = new TextDecoder().decode(bytes.subarray(at, end + 2));
    first ??= sizeLine;
    const size = Number.parseInt(sizeLine, 16);
    at = end + 2;
    if (size === 0) return at + 2 === bytes.length && bytes[at] === CRLF[0] && bytes[at + 1] === CRLF[1] ? { first, count, last: true } : undefined;
    if (at + size + 2 > bytes.length || bytes[at + size] !== CRLF[0] || bytes[at + size + 1] !== CRLF[1]) return undefined;
    at += size + 2;
    count++;
  }
  return count > 0 ? { first: first!, count, last: false } : undefined;
}

/**
 * How `bytes` carries HTTP/1.1 chunk framing: all of it is chunked coding,
 * or it is `expected` followed by the last chunk. Undefined otherwise — a
 * body that differs from `expected` in another way (an encoding, a chunk
 * lost or added) is judged by CHUNK-001..010, not here.
 */
function framingIn(bytes: Uint8Array, expected: Uint8Array): string | undefined {
  const frames = chunkFrames(bytes);
  if (frames !== undefined && frames.count > 0) return `it starts with the chunk-size line "${escapeText(frames.first)}", and all of it is ${frames.count} chunk frame(s)${frames.last ? ' and the last-chunk' : ''}`;
  if (frames !== undefined) return 'it ends with the last-chunk "0\\r\\n\\r\\n", and nothing else';
  const endsWithLastChunk = bytes.length === expected.length + LAST_CHUNK.length && bytesEqual(bytes.subarray(expected.length), LAST_CHUNK) && bytesEqual(bytes.subarray(0, expected.length), expected);
  return endsWithLastChunk ? 'it ends with the last-chunk "0\\r\\n\\r\\n" after the encoded chunks' : undefined;
}

const noFraming: Check = {
  requirement: 'CHUNK-011',
  title: 'the body holds only the encoded chunks, no HTTP chunk framing',
  async run(ctx) {
    await checkProperty(
      ctx,
      fc.asyncProperty(via(), chunkValues({ minLength: 1, maxLength: 6 }), encodingOption(), sourceKind(), async (how, chunks, encoding, source) => {
        const { bytes, subject } = await sendChunks(ctx, how, chunks, encoding, source);
        const expected = expectedBody(chunks, encoding);
        if (bytesEqual(bytes, expected)) return;
        // Other differences (an encoding, a chunk lost or added) are the rules of CHUNK-001..010: this one is the framing.
        const framing = framingIn(bytes, expected);
        if (framing === undefined) return;
        throw new Mismatch(
          `${subject}: the body carries HTTP chunk framing (${framing}); transfer coding is the transport's job (RFC 9112 §7.1). Body "${escapeBytes(bytes)}", expected "${escapeBytes(expected)}"`,
          { sent: bytes },
        );
      }),
    );
  },
};

/** The checks of CHUNK-001..011. */
export const chunkChecks: Check[] = [
  stringChunks,
  byteChunks,
  jsonChunks,
  unserializableRefused,
  base64Alphabet,
  base64Padding,
  hexLowercase,
  recoverable,
  unknownEncodingWriteChunk,
  unknownEncodingChunkedResponse,
  chunkedResponseInOrder,
  noFraming,
];
