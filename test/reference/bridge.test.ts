/** The Node bridges (serve, serveHttp2) over real sockets on 127.0.0.1. */
import { fork } from 'node:child_process';
import { connect as connectHttp2, constants as http2Constants } from 'node:http2';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { childLoader } from '../../conformance/suite/isolated.ts';
import { createApp, serve, serveHttp2, type App, type ManualStream, type RunningServer } from '../../reference/index.ts';
import { until } from './helpers.ts';
import { parseChunked, rawGet, splitResponse } from './wire.ts';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function served(app: App, http2 = false): Promise<RunningServer> {
  const server = await (http2 ? serveHttp2 : serve)(app, { port: 0 });
  servers.push(server);
  return server;
}

function quietApp(): { app: App; errors: unknown[] } {
  const errors: unknown[] = [];
  return { app: createApp({ onError: (error) => errors.push(error) }), errors };
}

describe('HTTP/1.1 bridge', () => {
  it('streams with chunked coding, no Content-Length, one chunk per write, and the last chunk after close', async () => {
    const { app } = quietApp();
    app.get('/m', async (ctx) => {
      const stream = await ctx.createStream();
      stream.write('a');
      stream.write('bc');
      stream.close();
      return stream.response;
    });
    const server = await served(app);
    const { head, body } = splitResponse(await (await rawGet(server.url, '/m')).ended);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head.toLowerCase()).toContain('transfer-encoding: chunked');
    expect(head.toLowerCase()).not.toContain('content-length');
    expect(body).toBe('1\r\na\r\n2\r\nbc\r\n0\r\n\r\n');
  });

  it('the guide\'s test stream (written before the handler returns) still gets no Content-Length', async () => {
    const { app } = quietApp();
    app.get('/test-stream', async (ctx) => {
      const stream = await ctx.createStream();
      stream.write('chunk1\n');
      stream.write('chunk2\n');
      stream.close();
      return stream.response;
    });
    const server = await served(app);
    const { head, body } = splitResponse(await (await rawGet(server.url, '/test-stream')).ended);
    expect(head.toLowerCase()).not.toContain('content-length');
    expect(parseChunked(body)).toEqual({ chunks: ['chunk1\n', 'chunk2\n'], complete: true });
  });

  it('a generator that throws: the body is cut with no last chunk, and the error is reported', async () => {
    const { app, errors } = quietApp();
    app.get('/fail', (ctx) =>
      ctx.streamResponse(
        (async function* () {
          yield 'partial\n';
          throw new Error('generator failed');
        })(),
      ),
    );
    const server = await served(app);
    const { body } = splitResponse(await (await rawGet(server.url, '/fail')).ended);
    expect(parseChunked(body)).toEqual({ chunks: ['partial\n'], complete: false });
    expect(errors).toEqual([expect.objectContaining({ message: 'generator failed' })]);
  });

  it('stream.error() also ends the body with no last chunk', async () => {
    const { app } = quietApp();
    app.get('/err', async (ctx) => {
      const stream = await ctx.createStream();
      stream.write('x');
      setImmediate(() => stream.error(new Error('stop')));
      return stream.response;
    });
    const server = await served(app);
    const { body } = splitResponse(await (await rawGet(server.url, '/err')).ended);
    expect(parseChunked(body)).toEqual({ chunks: ['x'], complete: false });
  });

  it('delivers each write before the next one is made (lockstep)', async () => {
    const { app } = quietApp();
    let stream!: ManualStream;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    app.get('/lockstep', async (ctx) => {
      stream = await ctx.createStream();
      opened();
      return stream.response;
    });
    const server = await served(app);
    const connection = await rawGet(server.url, '/lockstep');
    await open;
    await connection.waitFor((text) => text.includes('\r\n\r\n')); // headers are flushed before any write
    for (let i = 0; i < 5; i++) {
      stream.write(String(i)); // one byte; the next write waits until the client has it
      await connection.waitFor((text) => parseChunked(splitResponse(text).body).chunks.length === i + 1);
    }
    stream.close();
    expect(parseChunked(splitResponse(await connection.ended).body)).toEqual({ chunks: ['0', '1', '2', '3', '4'], complete: true });
  });

  it('a client that goes away: the generator\'s finally runs and the manual stream is aborted', async () => {
    const { app } = quietApp();
    let finallyRan!: () => void;
    const generatorFinished = new Promise<void>((resolve) => (finallyRan = resolve));
    let manual!: ManualStream;
    let requestSignal!: AbortSignal;
    app.get('/gen', (ctx) =>
      ctx.sseResponse(
        (async function* () {
          try {
            for (let i = 0; ; i++) {
              yield { i };
              await new Promise((resolve) => setImmediate(resolve));
            }
          } finally {
            finallyRan();
          }
        })(),
      ),
    );
    app.get('/manual', async (ctx) => {
      manual = await ctx.createStream();
      requestSignal = ctx.req.signal;
      manual.write('hello');
      return manual.response;
    });
    const server = await served(app);
    const generatorClient = await rawGet(server.url, '/gen');
    await generatorClient.waitFor((text) => text.includes('data: {"i":2}'));
    generatorClient.socket.destroy();
    await generatorFinished;

    const manualClient = await rawGet(server.url, '/manual');
    await manualClient.waitFor((text) => text.includes('hello'));
    manualClient.socket.destroy();
    await manual.closed;
    expect(manual.state).toBe('aborted');
    expect(manual.signal.aborted).toBe(true);
    expect(requestSignal.aborted).toBe(true);
    expect(() => manual.write('x')).toThrow(expect.objectContaining({ code: 'STREAM_CLOSED' }));
  });

  it('a stalled reader keeps memory bounded: the generator is not pulled ahead of the socket', async () => {
    const chunkSize = 64 * 1024;
    const chunk = new Uint8Array(chunkSize).fill(0x61);
    let pulled = 0;
    let finallyRan!: () => void;
    const finished = new Promise<void>((resolve) => (finallyRan = resolve));
    const { app } = quietApp();
    app.get('/endless', (ctx) =>
      ctx.streamResponse(
        (async function* () {
          try {
            for (;;) {
              // An implementation that drains eagerly is stopped here (64 MiB) so the assertion below reports it.
              if (pulled >= 1024) await new Promise(() => {});
              pulled++;
              yield chunk;
            }
          } finally {
            finallyRan();
          }
        })(),
      ),
    );
    const server = await served(app);
    const client = await rawGet(server.url, '/endless');
    const readBeforeStall = 1024 * 1024;
    await client.waitFor((text) => text.length >= readBeforeStall);
    client.socket.pause(); // the client stops reading
    const receivedAtStall = client.received().length;
    // Socket buffers on loopback (kernel send + receive, Node's writable buffer) hold at most a few MiB.
    const bound = Math.ceil((receivedAtStall + 16 * 1024 * 1024) / chunkSize) + 4;
    // Wait until the generator stops being pulled: no pull for 200 consecutive event-loop turns.
    // A generator drained eagerly never stops, and crosses the bound instead.
    let quietTurns = 0;
    let last = pulled;
    while (quietTurns < 200 && pulled <= bound) {
      await new Promise((resolve) => setImmediate(resolve));
      quietTurns = pulled === last ? quietTurns + 1 : 0;
      last = pulled;
    }
    expect(pulled).toBeLessThanOrEqual(bound);
    const pulledWhileStalled = pulled;
    client.socket.resume(); // reading again lets the generator continue
    await until(() => pulled > pulledWhileStalled + 8);
    client.socket.destroy();
    await finished;
  });

  it('a manual stream whose writer awaits ready, under a stalled reader, stops writing; it goes on when the reader does', async () => {
    const chunkSize = 64 * 1024;
    const chunk = new Uint8Array(chunkSize).fill(0x62);
    let written = 0;
    let stream!: ManualStream;
    const { app } = quietApp();
    app.get('/manual-endless', async (ctx) => {
      stream = await ctx.createStream({ bufferSize: 256 * 1024 });
      void (async () => {
        while (stream.state === 'open' && written < 1024) {
          await stream.ready;
          if (stream.state !== 'open') return;
          stream.write(chunk);
          written++;
        }
      })();
      return stream.response;
    });
    const server = await served(app);
    const client = await rawGet(server.url, '/manual-endless');
    await client.waitFor((text) => text.length >= 1024 * 1024);
    client.socket.pause();
    const receivedAtStall = client.received().length;
    const bound = Math.ceil((receivedAtStall + 16 * 1024 * 1024) / chunkSize) + 4;
    let quietTurns = 0;
    let last = written;
    while (quietTurns < 200 && written <= bound) {
      await new Promise((resolve) => setImmediate(resolve));
      quietTurns = written === last ? quietTurns + 1 : 0;
      last = written;
    }
    expect(written).toBeLessThanOrEqual(bound);
    expect(stream.desiredSize).toBeLessThanOrEqual(0);
    const writtenWhileStalled = written;
    client.socket.resume();
    await until(() => written > writtenWhileStalled + 8);
    client.socket.destroy();
    await stream.closed;
    expect(stream.state).toBe('aborted');
  });

  it('a manual stream writer that always finds room (awaiting ready) still lets the event loop run', async () => {
    // The server runs in a child process: were its event loop starved, this test would still run, and fail.
    const child = fork(fileURLToPath(new URL('./fixtures/eager-manual-writer.ts', import.meta.url)), [], {
      execArgv: ['--import', childLoader()],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const reply = (timeoutMs: number, what: string): Promise<{ port?: number; pong?: number }> =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the server child did not answer ${what} within ${timeoutMs} ms: its event loop is starved`)), timeoutMs);
          child.once('message', (message: { port?: number; pong?: number }) => {
            clearTimeout(timer);
            resolve(message);
          });
        });
      const { port } = await reply(30_000, 'with its port');
      const client = await rawGet(`http://127.0.0.1:${port}`, '/manual-fast');
      await client.waitFor((text) => text.length > 256 * 1024);
      child.send('ping');
      const first = (await reply(2000, 'a ping while the writer writes')).pong!;
      await client.waitFor((text) => text.length > 1024 * 1024);
      child.send('ping');
      const second = (await reply(2000, 'a second ping')).pong!;
      expect(second).toBeGreaterThan(first); // the writer went on between the pings
      client.socket.destroy();
    } finally {
      child.kill();
    }
  });

  it('close() ends open streams; a port in use is refused with EADDRINUSE', async () => {
    const { app } = quietApp();
    let stream!: ManualStream;
    app.get('/open', async (ctx) => {
      stream = await ctx.createStream({ contentType: 'text/event-stream' });
      stream.writeComment('open');
      return stream.response;
    });
    const server = await serve(app, { port: 0 });
    const client = await rawGet(server.url, '/open');
    await client.waitFor((text) => text.includes(': open'));
    await expect(serve(app, { port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await server.close();
    await client.ended;
    await stream.closed;
    expect(stream.state).toBe('aborted');
  });

  it('validates its options', async () => {
    const { app } = quietApp();
    await expect(serve(app, { port: 70000 })).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('options.port') });
    await expect(serve({} as App, {})).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('an aborted signal closes the server', async () => {
    const { app } = quietApp();
    app.get('/', (ctx) => ctx.json('up'));
    const controller = new AbortController();
    const server = await serve(app, { port: 0, signal: controller.signal });
    expect(await (await fetch(server.url)).json()).toBe('up');
    controller.abort();
    await server.close(); // resolves once closed (same promise as the abort's)
    await expect(fetch(server.url)).rejects.toThrow();
  });

  it('POST bodies reach ctx.body; the request URL has the Host header\'s authority', async () => {
    const { app } = quietApp();
    app.post('/chat/:room/send', (ctx) => ctx.json({ body: ctx.body, room: ctx.params.room, host: new URL(ctx.req.url).host }));
    const server = await served(app);
    const response = await fetch(`${server.url}/chat/lobby/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hi', user: 'ann' }),
    });
    expect(await response.json()).toEqual({ body: { message: 'hi', user: 'ann' }, room: 'lobby', host: new URL(server.url).host });
  });
});

describe('the request the bridge hands to the app', () => {
  it('is a Request whose signal (and a clone\'s) aborts when the client goes away; new Request(ctx.req) works', async () => {
    const { app } = quietApp();
    let request!: Request;
    let clone!: Request;
    let copy!: Request;
    app.get('/idle', (ctx) => {
      request = ctx.req;
      clone = ctx.req.clone();
      copy = new Request(ctx.req, { headers: { 'x-copied': 'yes' } });
      return ctx.sseResponse(
        (async function* () {
          yield 'open';
          await new Promise((resolve) => ctx.req.signal.addEventListener('abort', resolve, { once: true }));
        })(),
      );
    });
    const server = await served(app);
    const client = await rawGet(server.url, '/idle', 'X-Trace: t-1\r\n');
    await client.waitFor((text) => text.includes('data: open'));
    expect(request).toBeInstanceOf(Request);
    expect(request.headers.get('x-trace')).toBe('t-1');
    expect(request.signal.aborted).toBe(false);
    expect(copy.url).toBe(request.url);
    expect(copy.headers.get('x-copied')).toBe('yes');
    client.socket.destroy();
    await until(() => request.signal.aborted && clone.signal.aborted);
    expect((request.signal.reason as DOMException).name).toBe('AbortError');
  });

  it('a sync iterable of promises: each promise is awaited before its event is sent, in order, as for await does', async () => {
    const { app } = quietApp();
    const later = new Promise<string>((resolve) => setTimeout(() => resolve('second'), 20));
    app.get('/promises', (ctx) => ctx.sseResponse([Promise.resolve('first'), later, 'third']));
    app.get('/bytes', (ctx) => ctx.streamResponse([Promise.resolve('a') as unknown as string, 'b']));
    const server = await served(app);
    const events = parseChunked(splitResponse(await (await rawGet(server.url, '/promises')).ended).body);
    expect(events.complete).toBe(true);
    expect(events.chunks.join('')).toBe('data: first\n\ndata: second\n\ndata: third\n\n');
    const bytes = parseChunked(splitResponse(await (await rawGet(server.url, '/bytes')).ended).body);
    expect(bytes.chunks.join('')).toBe('ab');
  });

  it('text and bytes mixed, against a client that reads late: every chunk arrives, in order (none lost behind a full socket)', async () => {
    const { app } = quietApp();
    const text = 'x'.repeat(6000);
    const rounds = 300;
    app.get('/mixed', (ctx) =>
      ctx.streamResponse(
        (async function* () {
          for (let i = 0; i < rounds; i++) {
            yield text;
            yield new TextEncoder().encode(`<${i}>`);
          }
        })(),
      ),
    );
    const server = await served(app);
    const client = await rawGet(server.url, '/mixed');
    client.socket.pause(); // the kernel's buffers fill, the server's writes start returning false
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.socket.resume();
    const { chunks, complete } = parseChunked(splitResponse(await client.ended).body);
    expect(complete).toBe(true);
    const body = chunks.join('');
    const markers = body.match(/<\d+>/g) ?? [];
    expect(markers).toEqual(Array.from({ length: rounds }, (_, i) => `<${i}>`));
    expect(body.length).toBe(rounds * text.length + markers.join('').length);
  });

  it('an origin-form target that starts with // is a path, not an authority', async () => {
    const { app } = quietApp();
    let url = '';
    app.get('//evil.example/x', (ctx) => {
      url = ctx.req.url;
      return ctx.json({ ok: true });
    });
    const server = await served(app);
    await (await rawGet(server.url, '//evil.example/x')).ended;
    expect(new URL(url).host).toBe(new URL(server.url).host);
    expect(new URL(url).pathname).toBe('//evil.example/x');
  });

  it('onError in phase stream gets a copy of the request: same method, URL and headers', async () => {
    const reports: { request: Request; phase: string }[] = [];
    const app = createApp({ onError: (_error, info) => reports.push(info) });
    app.get('/fails', (ctx) =>
      ctx.sseResponse(
        (async function* () {
          yield 'one';
          throw new Error('generator failed');
        })(),
      ),
    );
    const server = await served(app);
    await (await rawGet(server.url, '/fails?x=1', 'X-Trace: t-2\r\n')).ended;
    await until(() => reports.length === 1);
    const [report] = reports;
    expect(report!.phase).toBe('stream');
    expect(report!.request.method).toBe('GET');
    expect(report!.request.url).toBe(`${server.url}/fails?x=1`);
    expect(report!.request.headers.get('x-trace')).toBe('t-2');
  });
});

describe('HTTP/2 bridge (h2c)', () => {
  function h2Get(url: string, path: string): Promise<{ headers: Record<string, unknown>; body: string; error?: unknown }> {
    return new Promise((resolve) => {
      const session = connectHttp2(url);
      session.on('error', () => {});
      const request = session.request({ ':path': path });
      let headers: Record<string, unknown> = {};
      let body = '';
      request.on('response', (h) => (headers = h));
      request.setEncoding('utf8');
      request.on('data', (d: string) => (body += d));
      request.on('end', () => {
        session.close();
        resolve({ headers, body });
      });
      request.on('error', (error) => {
        session.close();
        resolve({ headers, body, error });
      });
    });
  }

  it('serves an SSE stream with none of the headers HTTP/2 forbids', async () => {
    const { app } = quietApp();
    app.get('/sse', (ctx) => ctx.sseResponse(['one', { two: 2 }], { retry: 1000 }));
    const server = await served(app, true);
    const { headers, body, error } = await h2Get(server.url, '/sse');
    expect(error).toBeUndefined();
    expect(headers[':status']).toBe(200);
    expect(headers['content-type']).toBe('text/event-stream');
    for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'content-length']) expect(headers).not.toHaveProperty(name);
    expect(body).toBe('retry: 1000\n\ndata: one\n\ndata: {"two":2}\n\n');
  });

  it('a generator that throws resets the stream (INTERNAL_ERROR) instead of ending it cleanly', async () => {
    const { app } = quietApp();
    app.get('/fail', (ctx) =>
      ctx.streamResponse(
        (async function* () {
          yield 'partial';
          throw new Error('h2 failure');
        })(),
      ),
    );
    const server = await served(app, true);
    const { body, error } = await h2Get(server.url, '/fail');
    expect(body).toBe('partial');
    expect(error).toMatchObject({ code: 'ERR_HTTP2_STREAM_ERROR' });
    expect(String((error as Error).message)).toContain(String(http2Constants.NGHTTP2_INTERNAL_ERROR === 2 ? 'NGHTTP2_INTERNAL_ERROR' : ''));
  });

  it('a client that goes away runs the generator\'s finally', async () => {
    const { app } = quietApp();
    let finallyRan!: () => void;
    const finished = new Promise<void>((resolve) => (finallyRan = resolve));
    app.get('/gen', (ctx) =>
      ctx.streamResponse(
        (async function* () {
          try {
            for (;;) {
              yield 'tick\n';
              await new Promise((resolve) => setImmediate(resolve));
            }
          } finally {
            finallyRan();
          }
        })(),
      ),
    );
    const server = await served(app, true);
    const session = connectHttp2(server.url);
    const request = session.request({ ':path': '/gen' });
    await new Promise((resolve) => request.once('data', resolve));
    session.destroy();
    await finished;
  });
});
