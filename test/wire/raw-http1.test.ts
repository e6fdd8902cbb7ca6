/**
 * The raw HTTP/1.1 client and its strict parser, against a fake server that
 * sends hand-written bytes packet by packet: chunk extensions, CRLFs split
 * across packets, a missing last chunk, broken framing.
 */
import fc from 'fast-check';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHttp1Response, fieldValues } from '../../conformance/wire/http1-parse.ts';
import { rawHttp1Request, type RawHttp1Exchange } from '../../conformance/wire/raw-http1.ts';
import { WireWaitError } from '../../conformance/wire/errors.ts';

const HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n';
const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** A server that sends what the test says, when it says, on the one connection it accepts. */
interface ScriptedServer {
  url: string;
  /** The request head the client sent. */
  request: Promise<string>;
  send(bytes: string): void;
  /** Closes the connection (FIN). */
  end(): void;
  close(): Promise<void>;
}

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function scriptedServer(): Promise<ScriptedServer> {
  let socket: Socket | undefined;
  let resolveRequest!: (head: string) => void;
  const request = new Promise<string>((resolve) => (resolveRequest = resolve));
  const server: Server = createServer((connection) => {
    socket = connection;
    connection.on('error', () => {});
    let received = '';
    connection.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      if (received.includes('\r\n\r\n')) resolveRequest(received);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scripted: ScriptedServer = {
    url: `http://127.0.0.1:${port}`,
    request,
    send: (bytes) => socket!.write(Buffer.from(bytes, 'latin1')),
    end: () => socket!.end(),
    close: () =>
      new Promise<void>((resolve) => {
        socket?.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(scripted);
  return scripted;
}

/** Sends each packet only after the client received the previous one (so packet boundaries are kept). */
async function sendPackets(server: ScriptedServer, exchange: RawHttp1Exchange, packets: readonly string[]): Promise<void> {
  for (const packet of packets) {
    const before = exchange.arrivals.length;
    server.send(packet);
    await exchange.waitFor(() => exchange.arrivals.length > before, 2000, 'the packet').catch((error: unknown) => {
      // A packet that breaks the framing still arrives; waitFor reports the broken framing instead.
      if (exchange.arrivals.length <= before) throw error;
    });
  }
}

describe('raw HTTP/1.1 client', () => {
  it('sends the request as given and keeps every packet with its arrival time', async () => {
    const server = await scriptedServer();
    const exchange = await rawHttp1Request(server.url, { path: '/x?run=1', headers: [['Accept-Encoding', 'gzip'], ['X-Twice', 'a'], ['X-Twice', 'b']] });
    expect(await server.request).toBe(`GET /x?run=1 HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nAccept-Encoding: gzip\r\nX-Twice: a\r\nX-Twice: b\r\n\r\n`);
    await sendPackets(server, exchange, [HEAD, '3\r\nabc\r\n', '0\r\n\r\n']);
    const result = await exchange.finish(2000);
    expect(result.end).toBe('complete');
    expect(result.arrivals.map((arrival) => text(arrival.bytes))).toEqual([HEAD, '3\r\nabc\r\n', '0\r\n\r\n']);
    const times = result.arrivals.map((arrival) => arrival.atMs);
    expect(times.every((time, index) => time >= 0 && (index === 0 || time >= times[index - 1]!))).toBe(true);
    expect(exchange.transcript().map((entry) => entry.escaped)).toEqual([HEAD.replaceAll('\r', '\\r').replaceAll('\n', '\\n'), '3\\r\\nabc\\r\\n', '0\\r\\n\\r\\n']);
    exchange.destroy();
  });

  it('reads CRLFs and size lines split across packets as incomplete, never as malformed', async () => {
    const server = await scriptedServer();
    const exchange = await rawHttp1Request(server.url, { path: '/' });
    const packets = [HEAD.slice(0, 20), HEAD.slice(20, -1), '\n', '1', '0\r', '\n0123456789abcdef', '\r', '\n', '0\r\n', '\r', '\n'];
    await sendPackets(server, exchange, packets);
    const result = await exchange.finish(2000);
    expect(result.end).toBe('complete');
    expect(result.arrivals).toHaveLength(packets.length);
    expect(text(result.response.payload)).toBe('0123456789abcdef');
    expect(result.response.chunks.map((chunk) => chunk.size)).toEqual([16]);
    exchange.destroy();
  });

  it('accepts chunk extensions and trailers, and keeps them', async () => {
    const server = await scriptedServer();
    const exchange = await rawHttp1Request(server.url, { path: '/' });
    await sendPackets(server, exchange, [HEAD, '2;name=value ; quoted="a;b"\r\nhi\r\n', '0;last\r\nX-Checksum: 42\r\n\r\n']);
    const result = await exchange.finish(2000);
    expect(result.end).toBe('complete');
    expect(result.response.chunks[0]!.extensions).toBe(';name=value ; quoted="a;b"');
    expect(result.response.trailers).toEqual([{ name: 'X-Checksum', value: '42' }]);
    exchange.destroy();
  });

  it('tells a connection closed without the last chunk from a complete body', async () => {
    const server = await scriptedServer();
    const exchange = await rawHttp1Request(server.url, { path: '/' });
    await sendPackets(server, exchange, [HEAD, '3\r\nabc\r\n']);
    server.end();
    const result = await exchange.finish(2000);
    expect(result.end).toBe('closed');
    expect(result.response.lastChunk).toBe(false);
    expect(text(result.response.payload)).toBe('abc');
    expect(result.closedAtMs).toBeGreaterThan(0);
  });

  it('reports a body still open at the deadline', async () => {
    const server = await scriptedServer();
    const exchange = await rawHttp1Request(server.url, { path: '/' });
    await sendPackets(server, exchange, [HEAD, '3\r\nabc\r\n']);
    const result = await exchange.finish(50);
    expect(result.end).toBe('open-at-deadline');
    exchange.destroy();
  });

  it('waitFor rejects with WIRE_CLOSED when the connection closes first and WIRE_TIMEOUT when time runs out', async () => {
    const server = await scriptedServer();
    const exchange = await rawHttp1Request(server.url, { path: '/' });
    await sendPackets(server, exchange, [HEAD]);
    const timeout = await exchange.waitFor((response) => response.payload.byteLength > 0, 30, 'a byte').catch((error: unknown) => error);
    expect(timeout).toBeInstanceOf(WireWaitError);
    expect((timeout as WireWaitError).code).toBe('WIRE_TIMEOUT');
    server.end();
    const closed = await exchange.waitFor((response) => response.payload.byteLength > 0, 2000, 'a byte').catch((error: unknown) => error);
    expect((closed as WireWaitError).code).toBe('WIRE_CLOSED');
    expect((closed as Error).message).toBe('a byte: the connection closed first');
  });

  it('stops at broken framing and says where (a chunk not followed by CRLF)', async () => {
    const server = await scriptedServer();
    const exchange = await rawHttp1Request(server.url, { path: '/' });
    await sendPackets(server, exchange, [HEAD, '3\r\nabcd\r\n0\r\n\r\n']);
    const result = await exchange.finish(2000);
    expect(result.end).toBe('malformed');
    expect(result.response.error).toMatchObject({ code: 'BAD_CHUNK_END', offset: HEAD.length + 6 });
    expect(result.response.error!.message).toBe('chunk of size 3 (0x3) is followed by "d\\r\\n0\\r\\n\\r\\n", not CRLF (RFC 9112 §7.1)');
    exchange.destroy();
  });
});

describe('parseHttp1Response', () => {
  it('keeps field order, names as sent and duplicates', () => {
    const parsed = parseHttp1Response(latin1('HTTP/1.1 204 No Content\r\nSet-Cookie: a=1\r\nconnection: keep-alive\r\nSet-Cookie: b=2\r\n\r\n'));
    expect(parsed.head).toMatchObject({ httpVersion: 'HTTP/1.1', status: 204, reason: 'No Content' });
    expect(parsed.head!.fields.map((field) => field.name)).toEqual(['Set-Cookie', 'connection', 'Set-Cookie']);
    expect(fieldValues(parsed.head!.fields, 'set-cookie')).toEqual(['a=1', 'b=2']);
    expect(parsed.framing).toBe('none');
    expect(parsed.complete).toBe(true);
  });

  it.each([
    ['a size line that is not hex', `${HEAD}zz\r\nab\r\n`, 'BAD_CHUNK_SIZE'],
    ['a size line with junk after the size', `${HEAD}2 x\r\nab\r\n`, 'BAD_CHUNK_SIZE'],
    ['an empty size line', `${HEAD}\r\nab\r\n`, 'BAD_CHUNK_SIZE'],
    ['a size line ending in a bare LF', `${HEAD}2\nab\r\n`, 'BARE_LF'],
    ['a field line without a colon', 'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', 'BAD_FIELD_LINE'],
    ['a folded field line', 'HTTP/1.1 200 OK\r\nA: b\r\n c\r\n\r\n', 'BAD_FIELD_LINE'],
    ['a status line that is not HTTP', 'HTTX/1.1 200 OK\r\n\r\n', 'BAD_STATUS_LINE'],
    ['two different Content-Length values', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', 'BAD_CONTENT_LENGTH'],
    ['a bad trailer line', `${HEAD}0\r\nnot a trailer\r\n\r\n`, 'BAD_TRAILER'],
  ])('reports %s', (_what, response, code) => {
    expect(parseHttp1Response(latin1(response)).error?.code).toBe(code);
  });

  it('frames by Content-Length and counts excess bytes', () => {
    const parsed = parseHttp1Response(latin1('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef'));
    expect(parsed.framing).toBe('content-length');
    expect(text(parsed.payload)).toBe('abc');
    expect(parsed.complete).toBe(true);
    expect(parsed.excess).toBe(3);
  });

  it('recovers any payload however it is chunked and split into packets (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        (chunks, cuts, upperHex) => {
          const framed = chunks
            .map((chunk) => {
              const size = chunk.byteLength.toString(16);
              return Buffer.concat([Buffer.from(`${upperHex ? size.toUpperCase() : size}\r\n`), chunk, Buffer.from('\r\n')]);
            })
            .concat([Buffer.from('0\r\n\r\n')]);
          const whole = new Uint8Array(Buffer.concat([Buffer.from(HEAD, 'latin1'), ...framed]));
          // Every prefix parses without error and never claims completeness early.
          for (const cut of cuts) {
            const prefix = whole.subarray(0, cut % whole.byteLength);
            const parsed = parseHttp1Response(prefix);
            expect(parsed.error).toBeUndefined();
            expect(parsed.complete).toBe(false);
          }
          const parsed = parseHttp1Response(whole);
          expect(parsed.error).toBeUndefined();
          expect(parsed.complete).toBe(true);
          expect(Buffer.from(parsed.payload).equals(Buffer.concat(chunks))).toBe(true);
          expect(parsed.chunks.map((chunk) => chunk.size)).toEqual(chunks.map((chunk) => chunk.byteLength));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
