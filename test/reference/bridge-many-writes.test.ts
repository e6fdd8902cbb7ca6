/**
 * The HTTP/1.1 bridge under very many small writes: every byte arrives, in
 * order. Node sends what it buffered for a socket with one `writev`, which
 * fails (EINVAL, the socket destroyed) past 2^20 chunks: a bridge that lets a
 * manual stream's writes pile up in Node's buffer loses the whole body
 * (issue 10: WIRE-004, seed 1492584226).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, serve, type App, type RunningServer } from '../../reference/index.ts';
import { parseChunked, rawGet, splitResponse, type RawConnection } from './wire.ts';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function served(app: App): Promise<RunningServer> {
  const server = await serve(app, { port: 0 });
  servers.push(server);
  return server;
}

function quietApp(): { app: App; errors: unknown[] } {
  const errors: unknown[] = [];
  return { app: createApp({ onError: (error) => errors.push(error) }), errors };
}

/** A client that reads nothing for `ms` (the server's writes back up), then everything: the de-chunked payload as latin1 text, and whether it ended cleanly. */
async function readLate(client: RawConnection, ms: number): Promise<{ payload: string; complete: boolean }> {
  client.socket.pause();
  await new Promise((resolve) => setTimeout(resolve, ms));
  client.socket.resume();
  const { chunks, complete } = parseChunked(splitResponse(await client.ended).body);
  return { payload: chunks.join(''), complete };
}

/** `bytes` as latin1 text (one character per byte), to compare with a payload. */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

const MANY_WRITES = 1_000_000;

describe('HTTP/1.1 bridge, a million small writes', () => {
  it('a manual stream that makes 1,000,000 small writes (text and bytes) before the handler returns: the client reads every byte', async () => {
    const { app, errors } = quietApp();
    const byte = new Uint8Array([0x7e]);
    app.get('/before-return', async (ctx) => {
      const stream = await ctx.createStream();
      for (let i = 0; i < MANY_WRITES / 2; i++) {
        stream.write('x€');
        stream.write(byte);
      }
      stream.close();
      return stream.response;
    });
    const server = await served(app);
    const { payload, complete } = await readLate(await rawGet(server.url, '/before-return'), 300);
    const expected = latin1(new TextEncoder().encode('x€~'.repeat(MANY_WRITES / 2)));
    expect(payload.length).toBe(expected.length);
    expect(payload === expected).toBe(true);
    expect(complete).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a manual stream writer that ignores back-pressure, 1,000,000 one-byte writes over many turns, under a late reader: every byte arrives, in order', async () => {
    const { app } = quietApp();
    const bytes = [0x61, 0x62, 0x63].map((value) => new Uint8Array([value]));
    app.get('/after-return', async (ctx) => {
      const stream = await ctx.createStream();
      void (async () => {
        for (let i = 0; i < MANY_WRITES; i++) {
          stream.write(bytes[i % 3]!);
          if (i % 20_000 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        stream.close();
      })();
      return stream.response;
    });
    const server = await served(app);
    const { payload, complete } = await readLate(await rawGet(server.url, '/after-return'), 500);
    const expected = 'abc'.repeat(Math.ceil(MANY_WRITES / 3)).slice(0, MANY_WRITES);
    expect(payload.length).toBe(expected.length);
    expect(payload === expected).toBe(true);
    expect(complete).toBe(true);
  });
});

describe('HTTP/1.1 bridge, text joined into one chunk', () => {
  const high = '\uD83D';
  const low = '\uDE00';
  /** What each write of a lone surrogate must send: U+FFFD. */
  const replacement = latin1(new TextEncoder().encode('\uFFFD'));

  it('the halves of a surrogate pair written apart are each U+FFFD, never joined into the pair (manual stream, generator)', async () => {
    const { app } = quietApp();
    app.get('/manual', async (ctx) => {
      const stream = await ctx.createStream();
      setTimeout(() => {
        // Written after the bridge attached: both go into one turn's batch.
        stream.write(`a${high}`);
        stream.write(`${low}b`);
        stream.close();
      }, 20);
      return stream.response;
    });
    app.get('/generator', (ctx) =>
      ctx.streamResponse(
        (function* () {
          yield `a${high}`;
          yield `${low}b`;
        })(),
      ),
    );
    const server = await served(app);
    const expected = `a${replacement}${replacement}b`;
    for (const path of ['/manual', '/generator']) {
      const { payload, complete } = await readLate(await rawGet(server.url, path), 0);
      expect({ path, payload, complete }).toEqual({ path, payload: expected, complete: true });
    }
  });

  it('writes held behind a full buffer and sent joined keep a split surrogate pair as two U+FFFD', async () => {
    const { app } = quietApp();
    const bulk = new Uint8Array(512 * 1024).fill(0x2e);
    app.get('/held', async (ctx) => {
      const stream = await ctx.createStream();
      setTimeout(() => {
        stream.write(bulk); // fills Node's buffer past what the bridge lets it hold: the next writes are held
        stream.write(`a${high}`);
        stream.write(new Uint8Array([0x7c]));
        stream.write(high);
        stream.write(`${low}b`);
        stream.close();
      }, 20);
      return stream.response;
    });
    const server = await served(app);
    const { payload, complete } = await readLate(await rawGet(server.url, '/held'), 100);
    expect(complete).toBe(true);
    expect(payload.length).toBe(bulk.length + 1 + 3 + 1 + 3 + 3 + 1);
    expect(payload.slice(bulk.length)).toBe(`a${replacement}|${replacement}${replacement}b`);
  });
});
