/** Chunk encoding (writeChunk, chunkedResponse; RFC 4648) and the client-side decoders. */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChunkDecoderStream,
  DecodeError,
  decodeChunks,
  decodeNdjson,
  NdjsonDecoderStream,
  type ChunkEncoding,
  type ManualStream,
} from '../../reference/index.ts';
import { expectTypeError, readBytes, readText, recordingApp, respond } from './helpers.ts';
import { streamOf } from './helpers.ts';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

async function manualBytes(write: (stream: ManualStream) => void): Promise<Uint8Array> {
  const response = await respond(async (ctx) => {
    const stream = await ctx.createStream();
    write(stream);
    stream.close();
    return stream.response;
  });
  return readBytes(response);
}

/** Splits `bytes` at the given cut points, for streaming decoders. */
async function throughStream<O>(bytes: Uint8Array, cuts: number[], transform: TransformStream<Uint8Array, O>): Promise<O[]> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.slice(start, point));
    start = point;
  }
  const out: O[] = [];
  await streamOf(pieces).pipeThrough(transform).pipeTo(new WritableStream({ write: (value) => void out.push(value) }));
  return out;
}

describe('writeChunk encodings', () => {
  it('utf-8: strings and bytes as is, JSON values followed by \\n (NDJSON)', async () => {
    const body = await manualBytes((s) => {
      s.writeChunk('text');
      s.writeChunk(new Uint8Array([0xe2, 0x82, 0xac]));
      s.writeChunk({ status: 'processing', progress: 50 });
      s.writeChunk(7, { encoding: 'utf-8' });
    });
    expect(text(body)).toBe('text€{"status":"processing","progress":50}\n7\n');
  });

  it('base64: RFC 4648 §4 standard alphabet, padded, then \\n', async () => {
    const body = await manualBytes((s) => {
      s.writeChunk(new Uint8Array([0xfb, 0xff]), { encoding: 'base64' }); // uses + and /
      s.writeChunk('f', { encoding: 'base64' });
      s.writeChunk('', { encoding: 'base64' });
      s.writeChunk({ a: 1 }, { encoding: 'base64' });
    });
    expect(text(body)).toBe('+/8=\nZg==\n\neyJhIjoxfQ==\n');
  });

  it('hex: RFC 4648 §8 lowercase, then \\n', async () => {
    const body = await manualBytes((s) => {
      s.writeChunk(new Uint8Array([0xab, 0x01, 0xff]), { encoding: 'hex' });
      s.writeChunk('A', { encoding: 'hex' });
    });
    expect(text(body)).toBe('ab01ff\n41\n');
  });

  it('an empty utf-8 chunk sends nothing', async () => {
    const response = await respond(async (ctx) => {
      const stream = await ctx.createStream();
      stream.writeChunk('');
      stream.writeChunk(new Uint8Array(0));
      stream.close();
      return stream.response;
    });
    const reader = response.body!.getReader();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('[property] base64 and hex bodies decode back to every chunk, empty ones included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<'base64' | 'hex'>('base64', 'hex'),
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 })), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (encoding, chunks, cuts) => {
          const body = await manualBytes((s) => chunks.forEach((chunk) => s.writeChunk(chunk, { encoding })));
          const expected = chunks.map((c) => (typeof c === 'string' ? new TextEncoder().encode(c) : c));
          // Oracle nobody here wrote: Node's Buffer codec.
          expect(text(body)).toBe(expected.map((c) => `${Buffer.from(c).toString(encoding)}\n`).join(''));
          expect(decodeChunks(body, encoding)).toEqual(expected);
          expect(await throughStream(body, cuts, new ChunkDecoderStream(encoding))).toEqual(expected);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('[property] JSON values in utf-8 decode back with decodeNdjson and NdjsonDecoderStream', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), async (values, cuts) => {
        const nonStrings = values.map((v) => (typeof v === 'string' ? { s: v } : v));
        const body = await manualBytes((s) => nonStrings.forEach((v) => s.writeChunk(v)));
        const expected = nonStrings.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
        expect(decodeNdjson(text(body))).toEqual(expected);
        expect(await throughStream(body, cuts, new NdjsonDecoderStream())).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('writeChunk rejects bad input, writing nothing', () => {
  const cases: { name: string; call: (s: ManualStream) => void; code: 'UNKNOWN_ENCODING' | 'UNSERIALIZABLE_VALUE' | 'INVALID_OPTION'; field: string; shown: string }[] = [
    { name: 'unknown encoding', call: (s) => s.writeChunk('x', { encoding: 'utf8' as ChunkEncoding }), code: 'UNKNOWN_ENCODING', field: 'options.encoding', shown: '"utf8"' },
    { name: 'encoding with CRLF', call: (s) => s.writeChunk('x', { encoding: 'hex\r\n' as ChunkEncoding }), code: 'UNKNOWN_ENCODING', field: 'options.encoding', shown: '"hex\\r\\n"' },
    { name: 'options not an object', call: (s) => s.writeChunk('x', 'base64' as unknown as { encoding: ChunkEncoding }), code: 'INVALID_OPTION', field: 'options', shown: '"base64"' },
    { name: 'undefined value', call: (s) => s.writeChunk(undefined), code: 'UNSERIALIZABLE_VALUE', field: 'data', shown: 'undefined' },
    { name: 'BigInt value (base64)', call: (s) => s.writeChunk(1n, { encoding: 'base64' }), code: 'UNSERIALIZABLE_VALUE', field: 'data', shown: '1n' },
    { name: 'function value', call: (s) => s.writeChunk(() => 1), code: 'UNSERIALIZABLE_VALUE', field: 'data', shown: '[function' },
  ];
  for (const { name, call, code, field, shown } of cases) {
    it(`${name} → ${code}`, async () => {
      const body = await manualBytes((s) => {
        s.writeChunk('a');
        expectTypeError(() => call(s), code, field, shown);
        s.writeChunk('b');
      });
      expect(text(body)).toBe('ab');
    });
  }
});

describe('chunkedResponse', () => {
  it('encodes the guide\'s array of chunks, default text/plain, extra headers', async () => {
    const response = await respond((ctx) =>
      ctx.chunkedResponse(['First chunk of data', { message: 'JSON data chunk', timestamp: 1 }, 'Final text chunk'], {
        encoding: 'utf-8',
        headers: { 'X-Transfer-Type': 'chunked' },
      }),
    );
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-transfer-type')).toBe('chunked');
    expect(response.headers.has('content-length')).toBe(false);
    expect(await readText(response)).toBe('First chunk of data{"message":"JSON data chunk","timestamp":1}\nFinal text chunk');
  });

  it('takes async iterables and encodes each value as one chunk', async () => {
    const response = await respond((ctx) =>
      ctx.chunkedResponse(
        (async function* () {
          yield new Uint8Array([1, 2]);
          yield '';
          yield 'hi';
        })(),
        { encoding: 'hex' },
      ),
    );
    expect(decodeChunks(await readBytes(response), 'hex')).toEqual([new Uint8Array([1, 2]), new Uint8Array(0), new TextEncoder().encode('hi')]);
  });

  it('rejects an unknown encoding at the call', async () => {
    await respond((ctx) => {
      expectTypeError(() => ctx.chunkedResponse(['x'], { encoding: 'base32' as ChunkEncoding }), 'UNKNOWN_ENCODING', 'options.encoding', '"base32"');
      return new Response('');
    });
  });

  it('a chunk JSON cannot carry errors the body and is reported', async () => {
    const { app, errors } = recordingApp();
    app.get('/t', (ctx) => ctx.chunkedResponse(['ok', Symbol('no')]));
    const response = await app.handler(new Request('http://t.local/t'));
    await expect(response.text()).rejects.toThrow();
    expect(errors).toEqual([{ error: expect.objectContaining({ code: 'UNSERIALIZABLE_VALUE' }), phase: 'stream' }]);
  });
});

describe('decoders reject malformed input', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  it.each([
    ['base64', 'Zg=\n', 'MALFORMED_BASE64'],
    ['base64', 'Zg\n', 'MALFORMED_BASE64'],
    ['base64', 'Z!==\n', 'MALFORMED_BASE64'],
    ['base64', 'Zg==\r\n', 'MALFORMED_BASE64'],
    ['base64', '=Zg=\n', 'MALFORMED_BASE64'],
    ['base64', 'Zg==', 'TRUNCATED'],
    ['hex', 'abc\n', 'MALFORMED_HEX'],
    ['hex', 'zz\n', 'MALFORMED_HEX'],
    ['hex', 'ab', 'TRUNCATED'],
  ] as const)('%s %j → %s', async (encoding, body, code) => {
    expect(() => decodeChunks(bytes(body), encoding)).toThrow(expect.objectContaining({ code }));
    await expect(throughStream(bytes(body), [], new ChunkDecoderStream(encoding))).rejects.toBeInstanceOf(DecodeError);
  });

  it('hex decoding accepts either case; the line number of a bad chunk is given', () => {
    expect(decodeChunks(bytes('AB\nab\n'), 'hex')).toEqual([new Uint8Array([0xab]), new Uint8Array([0xab])]);
    expect(() => decodeChunks(bytes('00\n0g\n'), 'hex')).toThrow(/line 2: "0g"/);
  });

  it('decodeChunks refuses utf-8, which has no framing', () => {
    expectTypeError(() => decodeChunks(bytes('x'), 'utf-8' as 'hex'), 'UNKNOWN_ENCODING', 'encoding', '"utf-8"');
  });

  it('NDJSON: a line that is not JSON, or text not ending in \\n', async () => {
    expect(() => decodeNdjson('{"a":1}\n{oops}\n')).toThrow(expect.objectContaining({ code: 'MALFORMED_NDJSON', line: 2 }));
    expect(() => decodeNdjson('1\n2')).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
    expect(decodeNdjson('')).toEqual([]);
    await expect(throughStream(bytes('1\n2'), [1], new NdjsonDecoderStream())).rejects.toMatchObject({ code: 'TRUNCATED' });
    await expect(throughStream(new Uint8Array([0xff, 0x0a]), [], new NdjsonDecoderStream())).rejects.toMatchObject({ code: 'MALFORMED_UTF8' });
  });
});
