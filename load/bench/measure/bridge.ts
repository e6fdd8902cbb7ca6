/**
 * Measures the project's Node bridge (`serve`) against `@hono/node-server`
 * and a raw `node:http` baseline, on 127.0.0.1:
 *
 * 1. Content-Length: does a stream written and closed before the handler
 *    returns (one write; two writes as in the guide's own test) get a
 *    `Content-Length` instead of chunked coding?
 * 2. Buffering: a manual stream writes 1 byte; is it delivered before the
 *    next write is made (lockstep, 20 rounds, 1 s allowance per byte)?
 * 3. A generator that throws: does the client see the last chunk `0\r\n\r\n`
 *    (a clean-looking end, which is wrong)?
 * 4. Throughput: 200,000 SSE events of 16 bytes (`data: xxxxxxxx\n\n`) from
 *    an `sseResponse` generator over one connection, events/s (best of 3).
 *
 *   npx tsx load/bench/measure/bridge.ts [--events N] [--runs N]
 */
import { createAdaptorServer } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp, serve, type App, type ManualStream } from '../../../reference/index.ts';
import { closeServer } from '../servers/server-stats.ts';

interface Bridge {
  name: string;
  start(app: App): Promise<{ url: string; close(): Promise<void> }>;
}

const EVENT_DATA = 'xxxxxxxx'; // `data: xxxxxxxx\n\n` is 16 bytes

const bridges: Bridge[] = [
  { name: 'streamconform serve', start: (app) => serve(app, { port: 0 }) },
  {
    name: '@hono/node-server',
    start: async (app) => {
      const server = createAdaptorServer({ fetch: app.handler, overrideGlobalObjects: false }) as Server;
      return listen(server);
    },
  },
];

function listen(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => closeServer(server),
      });
    });
  });
}

/** Sends a GET on a raw socket; `onData` sees everything received so far and may write back. */
function rawGet(url: string, path: string, onData?: (text: string) => void): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (data: Buffer) => {
      text += data.toString('latin1');
      onData?.(text);
      if (text.endsWith('\r\n0\r\n\r\n') || /^0\r\n\r\n/m.test(text.split('\r\n\r\n').slice(1).join('\r\n\r\n'))) socket.end();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  });
}

function measureApp(lockstep: { stream?: ManualStream; opened?: () => void }, events: number): App {
  const app = createApp({ onError: () => {} });
  app.get('/small1', async (ctx) => {
    const stream = await ctx.createStream();
    stream.write('chunk1\n');
    stream.close();
    return stream.response;
  });
  app.get('/small', async (ctx) => {
    const stream = await ctx.createStream();
    stream.write('chunk1\n');
    stream.write('chunk2\n');
    stream.close();
    return stream.response;
  });
  app.get('/lockstep', async (ctx) => {
    lockstep.stream = await ctx.createStream();
    lockstep.opened?.();
    return lockstep.stream.response;
  });
  app.get('/fail', (ctx) =>
    ctx.streamResponse(
      (async function* () {
        yield 'partial\n';
        throw new Error('generator failed');
      })(),
    ),
  );
  app.get('/bench', (ctx) =>
    ctx.sseResponse(
      (async function* () {
        for (let i = 0; i < events; i++) yield EVENT_DATA;
      })(),
    ),
  );
  return app;
}

async function checkLockstep(url: string, lockstep: { stream?: ManualStream; opened?: () => void }): Promise<string> {
  const rounds = 20;
  const opened = new Promise<void>((resolve) => (lockstep.opened = resolve));
  let waiter: { count: number; resolve: () => void } | undefined;
  let received = 0;
  const done = rawGet(url, '/lockstep', (text) => {
    const body = text.split('\r\n\r\n').slice(1).join('\r\n\r\n');
    received = (body.match(/1\r\nx\r\n/g) ?? []).length;
    if (waiter && received >= waiter.count) waiter.resolve();
  });
  await opened;
  const started = performance.now();
  for (let i = 1; i <= rounds; i++) {
    lockstep.stream!.write('x');
    const arrived = await Promise.race([
      new Promise<boolean>((resolve) => (received >= i ? resolve(true) : (waiter = { count: i, resolve: () => resolve(true) }))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref()),
    ]);
    if (!arrived) {
      lockstep.stream!.close();
      await done;
      return `NO: write ${i} was not delivered within 1 s (buffered)`;
    }
  }
  const perRound = (performance.now() - started) / rounds;
  lockstep.stream!.close();
  await done;
  return `yes (${rounds} one-byte writes, ${perRound.toFixed(2)} ms per round trip)`;
}

async function throughput(url: string, events: number): Promise<number> {
  const started = performance.now();
  const text = await rawGet(url, '/bench');
  const seconds = (performance.now() - started) / 1000;
  const bytes = text.length - text.indexOf('\r\n\r\n');
  if (bytes < events * 16) throw new Error(`only ${bytes} body bytes arrived for ${events} events`);
  return events / seconds;
}

/** Baseline: node:http writing the same events with res.write, honouring drain. */
async function rawNodeThroughput(events: number): Promise<number> {
  const chunk = `data: ${EVENT_DATA}\n\n`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let i = 0;
    const pump = (): void => {
      while (i < events) {
        i++;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
  const running = await listen(server);
  try {
    return await throughput(running.url, events);
  } finally {
    await running.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' }, runs: { type: 'string', default: '3' } } });
  const events = Number(values.events);
  const runs = Number(values.runs);
  console.log(`node ${process.version}, ${events} SSE events of 16 B, best of ${runs}\n`);
  const best = async (measure: () => Promise<number>): Promise<number> => {
    let top = 0;
    for (let i = 0; i < runs; i++) top = Math.max(top, await measure());
    return top;
  };
  const baseline = await best(() => rawNodeThroughput(events));
  console.log(`raw node:http res.write loop: ${Math.round(baseline).toLocaleString('en')} events/s`);
  for (const bridge of bridges) {
    const lockstep: { stream?: ManualStream; opened?: () => void } = {};
    const running = await bridge.start(measureApp(lockstep, events));
    try {
      const hasContentLength = async (path: string): Promise<boolean> =>
        (await rawGet(running.url, path)).split('\r\n\r\n')[0]!.toLowerCase().includes('content-length');
      const lengthOnOneWrite = await hasContentLength('/small1');
      const lengthOnTwoWrites = await hasContentLength('/small');
      const failed = await rawGet(running.url, '/fail');
      const rate = await best(() => throughput(running.url, events));
      console.log(`\n${bridge.name}`);
      const verdict = (added: boolean): string => (added ? 'ADDED (wrong)' : 'no (chunked)');
      console.log(`  Content-Length on a stream written before return: 1 write: ${verdict(lengthOnOneWrite)}; 2 writes: ${verdict(lengthOnTwoWrites)}`);
      console.log(`  1-byte writes delivered before the next write:    ${await checkLockstep(running.url, lockstep)}`);
      console.log(`  generator error ends without the last chunk:      ${failed.includes('\r\n0\r\n\r\n') ? 'NO: clean-looking end (wrong)' : 'yes'}`);
      console.log(`  throughput: ${Math.round(rate).toLocaleString('en')} events/s (${((rate / baseline) * 100).toFixed(0)}% of raw node:http)`);
    } finally {
      await running.close();
    }
  }
}

await main();
