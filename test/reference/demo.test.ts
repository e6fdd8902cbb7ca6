/** The demo: every guide example answers at its path; the command line fails clearly. */
import { spawn } from 'node:child_process';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp } from '../../reference/demo/app.ts';
import { decodeNdjson, serve, type RunningServer } from '../../reference/index.ts';

const errors: unknown[] = [];
let server: RunningServer;
beforeAll(async () => {
  server = await serve(createDemoApp({ delayScale: 0.002, onError: (error) => errors.push(error) }), { port: 0 });
});
afterAll(async () => {
  await server.close();
});

function events(text: string): EventSourceMessage[] {
  const out: EventSourceMessage[] = [];
  createParser({ onEvent: (event) => out.push(event) }).feed(text);
  return out;
}

/** Reads an endless stream until `enough(text)`, then goes away. */
async function readUntil(path: string, enough: (text: string) => boolean): Promise<{ response: Response; text: string }> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}${path}`, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!enough(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  controller.abort();
  await reader.cancel().catch(() => {});
  return { response, text };
}

describe('demo paths', () => {
  it('/ is the guide\'s browser test page with a link to /sse-client', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<button onclick="testSSE()">Test SSE</button>');
    expect(html).toContain('href="/sse-client"');
    const client = await fetch(`${server.url}/sse-client`);
    expect(await client.text()).toContain("new EventSource('/stream/sse')");
  });

  it('/stream/manual', async () => {
    const response = await fetch(`${server.url}/stream/manual`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-stream-type')).toBe('manual');
    expect(await response.text()).toBe(
      'Starting process...\nStep 1 completed\nStep 2 completed\nStep 3 completed\nStep 4 completed\nStep 5 completed\nProcess finished!\n',
    );
  });

  it('/stream/generator', async () => {
    const response = await fetch(`${server.url}/stream/generator`);
    expect(response.headers.get('x-generated-stream')).toBe('true');
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toMatch(/^Data chunk 1: 0\.\d{4}$/);
    expect(lines[10]).toBe('Stream completed!');
  });

  it('/stream/binary-generator', async () => {
    const response = await fetch(`${server.url}/stream/binary-generator`);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="data.bin"');
    expect((await response.arrayBuffer()).byteLength).toBe(5 * 1024);
  });

  it('/stream/chunked', async () => {
    const response = await fetch(`${server.url}/stream/chunked`);
    expect(response.headers.get('x-transfer-type')).toBe('chunked');
    expect(await response.text()).toMatch(/^First chunk of data\{"message":"JSON data chunk","timestamp":\d+\}\nFinal text chunk$/);
  });

  it('/stream/manual-chunks is NDJSON of 10 chunks of 10 records', async () => {
    const response = await fetch(`${server.url}/stream/manual-chunks`);
    expect(response.headers.get('content-type')).toBe('application/json');
    const chunks = decodeNdjson(await response.text()) as { chunk: number; total: number; data: unknown[] }[];
    expect(chunks.map((c) => [c.chunk, c.total, c.data.length])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 10, 10]));
  });

  it('/stream/sse: retry first, then 10 events', async () => {
    const response = await fetch(`${server.url}/stream/sse`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('x-sse-stream')).toBe('events');
    const text = await response.text();
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
    expect(events(text).map((e) => (JSON.parse(e.data) as { message: string }).message)).toEqual(Array.from({ length: 10 }, (_, i) => `Event ${i + 1}`));
  });

  it('/stream/custom-sse: typed events with ids, then closed', async () => {
    const response = await fetch(`${server.url}/stream/custom-sse`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(events(await response.text()).map((e) => [e.event, e.id])).toEqual([
      ['connection', 'conn-1'],
      ['greeting', 'msg-1'],
      ['progress', 'prog-1'],
      ['connection', 'conn-2'],
    ]);
  });

  it('/stream/safe counts to 9, or reports the failure at ?fail=N', async () => {
    const ok = await (await fetch(`${server.url}/stream/safe`)).text();
    expect(ok).toBe(Array.from({ length: 10 }, (_, i) => `Data ${i}\n`).join(''));
    const failed = await (await fetch(`${server.url}/stream/safe?fail=3`)).text();
    expect(failed).toBe('Data 0\nData 1\nData 2\nError: Processing failed\n');
  });

  it('/stream/large-data streams 10,000 records', async () => {
    const response = await fetch(`${server.url}/stream/large-data`);
    const records = decodeNdjson(await response.text()) as { id: number }[];
    expect(records).toHaveLength(10_000);
    expect(records[9_999]!.id).toBe(9_999);
  });

  it('/stream/resilient sends heartbeats until the client goes away', async () => {
    const { response, text } = await readUntil('/stream/resilient', (t) => t.split('\n').length > 3);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text).toMatch(/^(Heartbeat: \d+\n){3}/);
  });

  it('/stream/optimized streams 5,000 NDJSON items, coalesced', async () => {
    const response = await fetch(`${server.url}/stream/optimized`);
    expect(response.headers.get('content-type')).toBe('application/json');
    const items = decodeNdjson(await response.text());
    expect(items).toHaveLength(5000);
  });

  it('/chat/:room receives the welcome and what POST /chat/:room/send broadcasts', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/chat/lobby`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value!;
    expect(events(text)[0]).toMatchObject({ event: 'message' });
    expect(JSON.parse(events(text)[0]!.data)).toMatchObject({ type: 'welcome', message: 'Welcome to room lobby' });
    const sent = await fetch(`${server.url}/chat/lobby/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hello', user: 'ann' }),
    });
    expect(await sent.json()).toEqual({ success: true });
    while (events(text).length < 2) text += (await reader.read()).value!;
    expect(JSON.parse(events(text)[1]!.data)).toMatchObject({ user: 'ann', message: 'hello', room: 'lobby' });
    controller.abort();
    await reader.cancel().catch(() => {});
  });

  it('/task/:id/progress: 11 progress events to 100%', async () => {
    const response = await fetch(`${server.url}/task/job-7/progress`);
    const text = await response.text();
    expect(text.startsWith('retry: 1000\n\n')).toBe(true);
    const progress = events(text).map((e) => ({ event: e.event, ...(JSON.parse(e.data) as { taskId: string; percentage: number }) }));
    expect(progress).toHaveLength(11);
    expect(progress.every((p) => p.event === 'progress' && p.taskId === 'job-7')).toBe(true);
    expect(progress[10]!.percentage).toBe(100);
  });

  it('/logs/live streams simulated log lines until the client goes away', async () => {
    const { response, text } = await readUntil('/logs/live', (t) => t.split('\n').length > 2);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.split('\n')[0]).toMatch(/^\d{4}-\d\d-\d\dT.* \/var\/log\/app\.log: request #1 /);
  });

  it('no demo path reported an error', () => {
    expect(errors).toEqual([]);
  });
});

/** Runs the demo's command line until it exits (or until it prints its URL). */
function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node_modules/.bin/tsx', ['reference/demo/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('demo command line', () => {
  it.each([
    [['--bogus'], "'--bogus'"],
    [['--port', 'abc'], '--port must be an integer from 0 to 65535; got "abc"'],
    [['--port', '70000'], '--port must be an integer'],
    [['--delay-scale=-1'], '--delay-scale must be a number > 0; got "-1"'],
    [['--delay-scale', '0'], '--delay-scale must be a number > 0; got "0"'],
    [['--delay-scale', '-1'], "'--delay-scale'"],
    [['--delay-scale', 'fast'], '--delay-scale must be a number > 0; got "fast"'],
    [['stray'], "'stray'"],
  ])('%j → exit 2 naming the flag, then the usage', async (args, message) => {
    const { code, stderr } = await runDemo(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: tsx reference/demo/main.ts');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a port in use → the message that says what to do, exit 2', async () => {
    const { code, stderr } = await runDemo(['--port', String(server.port)]);
    expect(code).toBe(2);
    expect(stderr).toBe(`port ${server.port} is already in use on 127.0.0.1; pass --port <n>\n`);
  });

  it('prints its URL and serves; SIGTERM stops it', async () => {
    const child = spawn('node_modules/.bin/tsx', ['reference/demo/main.ts', '--port', '0', '--delay-scale', '0.01'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let stdout = '';
    const url = await new Promise<string>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
        if (match) resolve(match[1]!);
      });
    });
    expect((await fetch(`${url}/stream/chunked`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
