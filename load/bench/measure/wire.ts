/**
 * Measures the wire profile on an adapter (default: the reference):
 * 1. how long each WIRE-001..012 check takes at the default number of runs;
 * 2. the disconnect latency behind WIRE-008's 1 s bound: a client destroys
 *    its socket mid-stream, and we time `ctx.req.signal`'s abort and the
 *    generator's `finally` (N disconnects per kind of stream);
 * 3. the basis of GEN-004's bound over a socket: what a loopback connection
 *    holds when its client stops reading, and how far the adapter pulls a
 *    generator of 1 KiB values for a client that read the head and stopped
 *    (N times per kind of generator response).
 *
 *   npx tsx load/bench/measure/wire.ts [--adapter reference] [--runs 100] [--disconnects 50] [--pulls 5]
 */
import { parseArgs } from 'node:util';
import { loadAdapter } from '../../../conformance/adapter/load.ts';
import { CHECK_PATH } from '../../../conformance/drive/exchange.ts';
import { wireChecks } from '../../../conformance/properties/wire/index.ts';
import type { Context } from '../../../conformance/adapter/under-test.ts';
import { rawHttp1Request } from '../../../conformance/wire/raw-http1.ts';
import { loopbackBuffering } from '../../../conformance/wire/socket-buffers.ts';
import { describeOutcome, runCheck } from './run-checks.ts';

const { values } = parseArgs({
  options: {
    adapter: { type: 'string', default: 'reference' },
    runs: { type: 'string', default: '100' },
    disconnects: { type: 'string', default: '50' },
    pulls: { type: 'string', default: '5' },
  },
});
const adapter = await loadAdapter(values.adapter);

console.log(`node ${process.version}, adapter ${adapter.name}, numRuns ${values.runs}\n`);
const started = performance.now();
for (const check of wireChecks) {
  console.log(describeOutcome(await runCheck(adapter, check, { seed: 42, numRuns: Number(values.runs) })));
}
console.log(`\nwire checks total: ${(performance.now() - started).toFixed(0)} ms\n`);

type Kind = 'manual' | 'streamResponse' | 'sseResponse';
let current: { aborted?: number; finallyRan?: number; wake?: () => void } = {};
const app = await adapter.createApp();
app.get(CHECK_PATH, async (ctx: Context) => {
  const kind = new URL(ctx.req.url).searchParams.get('kind') as Kind;
  const run = current;
  const woken = new Promise<void>((resolve) => (run.wake = resolve));
  ctx.req.signal.addEventListener('abort', () => {
    run.aborted = performance.now();
    run.wake?.();
  });
  if (kind === 'manual') {
    const stream = await ctx.createStream();
    stream.write('first\n');
    return stream.response;
  }
  const source = (async function* () {
    try {
      yield 'first\n';
      await woken;
      yield 'after the disconnect\n';
      await new Promise(() => {});
    } finally {
      run.finallyRan = performance.now();
    }
  })();
  return kind === 'streamResponse' ? ctx.streamResponse(source) : ctx.sseResponse(source);
});
const server = await adapter.listen(app);
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
try {
  for (const kind of ['manual', 'streamResponse', 'sseResponse'] as const) {
    const aborts: number[] = [];
    const finals: number[] = [];
    for (let i = 0; i < Number(values.disconnects); i++) {
      current = {};
      const run = current;
      const exchange = await rawHttp1Request(server.url, { path: `${CHECK_PATH}?kind=${kind}` });
      await exchange.waitFor((response) => response.payload.byteLength > 0, 2000, 'the first value');
      const destroyedAt = performance.now();
      exchange.destroy();
      for (let waited = 0; waited < 2000 && (run.aborted === undefined || (kind !== 'manual' && run.finallyRan === undefined)); waited += 1) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (run.aborted !== undefined) aborts.push(run.aborted - destroyedAt);
      if (run.finallyRan !== undefined) finals.push(run.finallyRan - destroyedAt);
    }
    const describe = (label: string, samples: number[]): string => {
      const sorted = [...samples].sort((a, b) => a - b);
      return sorted.length === 0
        ? `${label}: never`
        : `${label}: ${sorted.length}/${values.disconnects}, median ${percentile(sorted, 0.5).toFixed(2)} ms, p95 ${percentile(sorted, 0.95).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;
    };
    console.log(`${kind}: ${describe('signal abort', aborts)}${kind === 'manual' ? '' : `; ${describe('generator finally', finals)}`}`);
  }
} finally {
  await server.close();
}

// 3. GEN-004 over a socket.
const buffering = await loopbackBuffering();
const MiB = 1024 * 1024;
console.log(`\nloopback buffering (client paused at its first packet): ${(buffering.bytes / MiB).toFixed(2)} MiB (measured in ${buffering.measuredMs.toFixed(0)} ms)`);
const pullApp = await adapter.createApp();
let pulls = 0;
const value = new Uint8Array(1024).fill(0x61);
const text = 'x'.repeat(1024);
pullApp.get(CHECK_PATH, (ctx: Context) => {
  const kind = new URL(ctx.req.url).searchParams.get('kind');
  const source = (async function* () {
    for (let index = 0; index < 128 * 1024; index++) {
      pulls++;
      yield kind === 'streamResponse' ? value : text;
    }
  })();
  return kind === 'streamResponse' ? ctx.streamResponse(source) : kind === 'chunkedResponse' ? ctx.chunkedResponse(source) : ctx.sseResponse(source);
});
const pullServer = await adapter.listen(pullApp);
try {
  for (const kind of ['streamResponse', 'chunkedResponse', 'sseResponse']) {
    const pulled: number[] = [];
    for (let i = 0; i < Number(values.pulls); i++) {
      pulls = 0;
      const exchange = await rawHttp1Request(pullServer.url, { path: `${CHECK_PATH}?kind=${kind}` });
      exchange.stopReadingWhen((response) => response.head !== undefined);
      await exchange.waitFor((response) => response.head !== undefined, 2000, 'the head').catch(() => undefined);
      let last = -1;
      for (let waited = 0; waited < 3000 && pulls !== last; waited += 400) {
        last = pulls;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      pulled.push(pulls * 1024 - exchange.response.payload.byteLength);
      exchange.destroy();
    }
    const sorted = pulled.sort((a, b) => a - b);
    console.log(`${kind}: pulled ahead of a client that stopped after the head: min ${(sorted[0]! / MiB).toFixed(2)} MiB, max ${(sorted.at(-1)! / MiB).toFixed(2)} MiB (${sorted.length} runs)`);
  }
} finally {
  await pullServer.close();
}
process.exit(0);
