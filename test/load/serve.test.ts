/**
 * `streamconform load serve`: every scenario route answers correctly on the
 * reference adapter, checked with a plain client (fetch / node:http) and
 * expectations written out here; the k6 verifiers agree; `/metrics` counts
 * streams; a stalled client keeps the produced bytes bounded.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { main } from '../../load/cli.ts';
import { verifyBinaryBody, verifyChunkedBody, verifySseBody, verifyTextBody } from '../../load/k6/lib/verify.ts';
import { LoadTargetError, startLoadTarget, type LoadTarget } from '../../load/serve/target.ts';
import type { TargetMetrics } from '../../load/serve/routes.ts';

let target: LoadTarget;

beforeAll(async () => {
  target = await startLoadTarget(await loadAdapter('reference'));
});
afterAll(async () => {
  await target?.close();
});

async function get(path: string): Promise<{ status: number; type: string | null; bytes: Uint8Array; text: string }> {
  const response = await fetch(`${target.url}${path}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), bytes, text: Buffer.from(bytes).toString('utf8') };
}

async function metrics(): Promise<TargetMetrics> {
  return (await (await fetch(`${target.url}/metrics`)).json()) as TargetMetrics;
}

function sseEvents(text: string): { events: EventSourceMessage[]; retry?: number } {
  const events: EventSourceMessage[] = [];
  let retry: number | undefined;
  const parser = createParser({ onEvent: (event) => events.push(event), onRetry: (value) => (retry = value) });
  parser.feed(text);
  return retry === undefined ? { events } : { events, retry };
}

describe('scenario routes (plain client)', () => {
  it.each(['/text/manual', '/text/generator'])('%s sends count lines of size bytes', async (path) => {
    const res = await get(`${path}?count=3&interval=5&size=10`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe('line 1...\nline 2...\nline 3...\n');
    expect(verifyTextBody(res.text, { count: 3, size: 10 })).toEqual({ ok: true, units: 3 });
    expect(verifyTextBody(res.text, { count: 4, size: 10 }).ok).toBe(false);
  });

  it.each(['/binary', '/slow'])('%s sends count blocks with the byte pattern', async (path) => {
    const res = await get(`${path}?count=3&interval=0&size=5`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/octet-stream');
    const expected = [1, 2, 3].flatMap((block) => [0, 1, 2, 3, 4].map((j) => (31 * block + j) % 256));
    expect([...res.bytes]).toEqual(expected);
    expect(verifyBinaryBody(res.bytes, { count: 3, size: 5 }).ok).toBe(true);
    expect(verifyBinaryBody(res.bytes.slice(0, 14), { count: 3, size: 5 }).ok).toBe(false);
  });

  it.each([
    ['/chunked', 'utf-8'],
    ['/chunked', 'base64'],
    ['/chunked', 'hex'],
    ['/chunked/stream', 'utf-8'],
    ['/chunked/stream', 'base64'],
    ['/chunked/stream', 'hex'],
  ] as const)('%s?encoding=%s sends one decodable chunk per line', async (path, encoding) => {
    const query = path === '/chunked' ? `count=3&size=2&encoding=${encoding}` : `count=3&interval=5&size=2&encoding=${encoding}`;
    const res = await get(`${path}?${query}`);
    expect(res.status).toBe(200);
    const records = [1, 2, 3].map((i) => JSON.stringify({ i, pad: '..' }));
    const encode = (json: string): string =>
      encoding === 'utf-8' ? json : Buffer.from(json).toString(encoding === 'hex' ? 'hex' : 'base64');
    expect(res.text).toBe(records.map((json) => `${encode(json)}\n`).join(''));
    expect(verifyChunkedBody(res.text, { count: 3, size: 2, encoding })).toEqual({ ok: true, units: 3 });
  });

  it('/sse sends count events that a WHATWG parser (eventsource-parser) reads back', async () => {
    const res = await get('/sse?count=3&interval=5&size=4');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/event-stream');
    const { events } = sseEvents(res.text);
    expect(events.map((e) => JSON.parse(e.data))).toEqual([1, 2, 3].map((i) => ({ i, pad: '....' })));
    expect(events.every((e) => e.event === undefined && e.id === undefined)).toBe(true);
    expect(verifySseBody(res.text, { count: 3, size: 4, retry: 0 }, { withIds: false })).toEqual({ ok: true, units: 3 });
  });

  it('/sse/ids sends event: tick, id: i and retry once', async () => {
    const res = await get('/sse/ids?count=3&interval=5&size=1&retry=1500');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/event-stream');
    const { events, retry } = sseEvents(res.text);
    expect(retry).toBe(1500);
    expect(events.map((e) => [e.event, e.id, JSON.parse(e.data)])).toEqual([1, 2, 3].map((i) => ['tick', String(i), { i, pad: '.' }]));
    expect(res.text.match(/^retry:/gm)).toHaveLength(1);
    expect(verifySseBody(res.text, { count: 3, size: 1, retry: 1500 }, { withIds: true })).toEqual({ ok: true, units: 3 });
    expect(verifySseBody(res.text, { count: 3, size: 1, retry: 1000 }, { withIds: true }).problem).toBe('retry is 1500, expected 1000');
  });

  it('count=0 is an empty, finished body', async () => {
    const res = await get('/sse?count=0');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it.each([
    ['/sse?count=abc', 'count', 'query parameter count="abc" must be an integer from 0 to 1000000'],
    ['/text/manual?size=-1', 'size', 'query parameter size="-1" must be an integer from 0 to 1048576'],
    ['/chunked?encoding=utf8', 'encoding', 'query parameter encoding="utf8" must be one of utf-8, base64, hex'],
    ['/chunked?interval=10', 'interval', 'query parameter "interval" is not accepted by /chunked; it takes count, size, encoding'],
    ['/sse?bogus=1', 'bogus', 'query parameter "bogus" is not accepted by /sse; it takes count, interval, size'],
    ['/chunked?count=100000&size=1000', 'size', 'count × size = 100000000 bytes exceeds 67108864 for /chunked'],
  ])('%s is a 400 naming %s', async (path, param, message) => {
    const response = await fetch(`${target.url}${path}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; param: string; code: string };
    expect(body.param).toBe(param);
    expect(body.code).toBe('INVALID_PARAM');
    expect(body.error).toContain(message);
  });

  it('GET / lists every route', async () => {
    const index = (await (await fetch(`${target.url}/`)).json()) as { routes: Array<{ scenario: string; path: string }>; metrics: string };
    expect(index.routes.map((r) => r.scenario)).toEqual(['text-manual', 'text-generator', 'binary', 'chunked', 'chunked-stream', 'sse', 'sse-ids', 'slow']);
    expect(index.metrics).toBe('/metrics');
  });
});

describe('/metrics', () => {
  it('reports the process memory and counts a stream while it is open, then as completed', async () => {
    const before = await metrics();
    expect(before.pid).toBe(process.pid);
    expect(before.memory.rss).toBeGreaterThan(0);
    // Open a long stream and read its first event: it is open now.
    const controller = new AbortController();
    const response = await fetch(`${target.url}/sse?count=1000&interval=20&size=1`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    const during = await metrics();
    expect(during.streams.open).toBe(before.streams.open + 1);
    expect(during.streams.opened).toBe(before.streams.opened + 1);
    expect(during.metricsRequests).toBe(before.metricsRequests + 1);
    // The client goes away: the generator's finally runs and counts it as aborted.
    controller.abort();
    await vi.waitFor(async () => {
      const after = await metrics();
      expect(after.streams.open).toBe(before.streams.open);
      expect(after.streams.aborted).toBe(before.streams.aborted + 1);
    }, { timeout: 10_000, interval: 50 });
  });

  it('counts completed streams and the bytes handed over', async () => {
    const before = await metrics();
    await get('/text/manual?count=4&interval=0&size=10');
    const after = await metrics();
    expect(after.streams.completed - before.streams.completed).toBe(1);
    expect(after.bytesProduced - before.bytesProduced).toBe(40);
  });
});

describe('slow consumer', () => {
  it('a client that stops reading holds the produced bytes bounded, and its departure ends the stream', async () => {
    const before = await metrics();
    const total = 4096 * 65536; // 256 MiB if the route were drained
    const url = new URL(`${target.url}/slow?count=4096&size=65536`);
    const { response, destroy } = await new Promise<{ response: IncomingMessage; destroy(): void }>((resolve, reject) => {
      const req = httpRequest(url, (res) => {
        res.pause(); // read nothing: TCP backpressure reaches the server
        resolve({ response: res, destroy: () => req.destroy() });
      });
      req.on('error', reject);
      req.end();
    });
    expect(response.statusCode).toBe(200);
    // Wait until production stops (five equal readings in a row), then judge the amount.
    let last = -1;
    let same = 0;
    await vi.waitFor(async () => {
      const produced = (await metrics()).bytesProduced - before.bytesProduced;
      same = produced === last ? same + 1 : 0;
      last = produced;
      expect(same).toBeGreaterThanOrEqual(5);
    }, { timeout: 20_000, interval: 100 });
    expect(last).toBeLessThan(32 * 1024 * 1024);
    expect(last).toBeLessThan(total / 8);
    destroy();
    await vi.waitFor(async () => {
      const after = await metrics();
      expect(after.streams.open).toBe(before.streams.open);
      expect(after.streams.aborted).toBe(before.streams.aborted + 1);
    }, { timeout: 10_000, interval: 50 });
  });
});

describe('fixed port', () => {
  it('relays a fixed port to the adapter, and names a port in use', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const error = await startLoadTarget(await loadAdapter('reference'), { port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoadTargetError);
      expect((error as LoadTargetError).message).toBe(`port ${port} is already in use on 127.0.0.1; pass --port <n>`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    const relayed = await startLoadTarget(await loadAdapter('reference'), { port: 0 });
    try {
      expect(relayed.url).not.toBe(relayed.adapterUrl);
      const text = await (await fetch(`${relayed.url}/text/generator?count=2&interval=0&size=8`)).text();
      expect(text).toBe('line 1.\nline 2.\n');
    } finally {
      await relayed.close();
    }
  });
});

describe('streamconform load serve', () => {
  it('prints the URL and the routes, serves until stopped, exit 0', async () => {
    let out = '';
    const stop = new AbortController();
    const exit = main(['serve', '--adapter', 'reference'], { io: { stdout: (t) => void (out += t), stderr: () => {} }, signal: stop.signal });
    await vi.waitFor(() => expect(out).toMatch(/^load target listening on http:\/\/127\.0\.0\.1:\d+/), { timeout: 20_000, interval: 20 });
    const url = /(http:\/\/\S+)/.exec(out)![1]!;
    expect(out).toContain(`sse-ids         GET ${url}/sse/ids?count=20&interval=50&size=16&retry=3000`);
    expect(await (await fetch(`${url}/sse?count=1&size=0`)).text()).toBe('data: {"i":1,"pad":""}\n\n');
    stop.abort();
    expect(await exit).toBe(0);
  });

  it('exits 2 naming the flag or the adapter problem', async () => {
    let err = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (err += t) };
    expect(await main(['serve', '--adapter', 'reference', '--port', '70000'], { io })).toBe(2);
    expect(err).toContain('--port "70000" must be an integer from 0 to 65535');
    expect(await main(['serve'], { io })).toBe(2);
    expect(err).toContain('--adapter is required');
    expect(await main(['serve', '--adapter', './no-such-adapter.ts'], { io })).toBe(2);
    expect(err).toContain('./no-such-adapter.ts: no such file');
    expect(await main(['serve', '--adapter', 'reference', '--verbose'], { io })).toBe(2);
    expect(err).toContain("Unknown option '--verbose'");
  });
});
