/**
 * Issue 14, item 4: the reference on Bun (`Bun.serve`) and Deno
 * (`Deno.serve`), through `app.handler`, against a raw server of the same
 * runtime (`runtimes/runtime-server.ts`: a `ReadableStream` of pre-framed
 * events joined into ~64 KiB chunks). Scenarios (a) small events, (b) 200
 * connections, (c) idle streams, as `npm run bench` measures them on Node;
 * recorded, no target yet.
 *
 *   npx tsx load/bench/runtimes.ts [--runs N] [--runtimes bun,deno] [--streams N] [--no-pin]
 *
 * Servers are pinned where the bench pins them (core 0); memory comes from a
 * control route of the server (`/__memory`, after full GCs), not IPC. Bun and
 * Deno are found as the conformance suite finds them (`--runtime`).
 * Prints each run's figures and the medians, reference ÷ raw per run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findRuntime } from '../../conformance/suite/runtimes.ts';
import { DEFAULT_CONFIG } from './config.ts';
import { parsedOrExitCode, runAsScript } from './dev-tool.ts';
import { requireOpenFileLimit } from './file-limit.ts';
import { pinClient } from './pinning.ts';
import type { MemorySample, ServerStats } from './protocol.ts';
import { SSE_WARM_UPS } from './run-bench.ts';
import { measureConcurrentStreams } from './scenarios/concurrent-streams.ts';
import { measureIdleStreams, type MeasuredServer } from './scenarios/idle-streams.ts';
import { measureSingleStream } from './scenarios/single-stream.ts';
import { median } from './statistics.ts';

const USAGE = `usage: npx tsx load/bench/runtimes.ts [options]
  --runs N           alternating runs (default 3)
  --runtimes LIST    comma-separated, from bun, deno (default bun,deno)
  --streams N        idle streams for (c) (default ${DEFAULT_CONFIG.idle.streams})
  --no-pin           do not pin servers and client to separate cores`;

type Runtime = 'bun' | 'deno';
type Kind = 'raw' | 'reference';
const ENTRY = fileURLToPath(new URL('./runtimes/runtime-server.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A server child on Bun or Deno, answering its control routes. */
class RuntimeServer implements MeasuredServer {
  readonly kind: string;
  readonly port: number;
  readonly #child: ChildProcess;

  private constructor(kind: string, port: number, child: ChildProcess) {
    this.kind = kind;
    this.port = port;
    this.#child = child;
  }

  static start(runtime: Runtime, kind: Kind, cores: string | undefined): Promise<RuntimeServer> {
    const binary = findRuntime(runtime);
    const args = runtime === 'bun' ? [ENTRY, kind] : ['run', '-A', '--v8-flags=--expose-gc', '--unstable-no-legacy-abort', ENTRY, kind];
    const [command, argv] = cores === undefined ? [binary, args] : ['taskset', ['-c', cores, binary, ...args]];
    const child = spawn(command, argv, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${runtime} ${kind} server did not print its port within 30 s`));
      }, 30_000);
      child.stdout!.on('data', (data: Buffer) => {
        out += data.toString();
        const match = /PORT (\d+)/.exec(out);
        if (match === null) return;
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(new RuntimeServer(`${runtime} ${kind}`, Number(match[1]), child));
      });
      child.once('exit', (code) => reject(new Error(`${runtime} ${kind} server exited (code ${code})`)));
    });
  }

  async memory(): Promise<MemorySample> {
    return (await this.#get('/__memory')) as MemorySample;
  }

  async stats(): Promise<ServerStats> {
    return (await this.#get('/__stats')) as ServerStats;
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  async #get(path: string): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${this.port}${path}`);
    return response.json();
  }
}

interface Figures {
  sseEventsPerSecond: number;
  concurrentEventsPerSecond: number;
  concurrentTtfbP99Ms: number;
  idleRssKbPerStream: number;
  idleHeapKbPerStream: number;
}
const FIGURES: { id: keyof Figures; label: string; digits: number }[] = [
  { id: 'sseEventsPerSecond', label: '(a) 1 conn small SSE events, events/s', digits: 0 },
  { id: 'concurrentEventsPerSecond', label: '(b) 200 conns, events/s', digits: 0 },
  { id: 'concurrentTtfbP99Ms', label: '(b) 200 conns, TTFB p99, ms', digits: 1 },
  { id: 'idleRssKbPerStream', label: '(c) RSS per idle stream, KB', digits: 1 },
  { id: 'idleHeapKbPerStream', label: '(c) heap + external per idle stream, KB', digits: 2 },
];

async function measure(runtime: Runtime, kind: Kind, streams: number, cores: string | undefined): Promise<Figures> {
  const { sse, concurrent } = DEFAULT_CONFIG;
  const path = `/sse?n=${sse.events}&size=${sse.eventBytes}`;
  const server = await RuntimeServer.start(runtime, kind, cores);
  try {
    for (let i = 0; i < SSE_WARM_UPS; i++) await measureSingleStream(server.port, path, sse.events, sse.eventBytes);
    await measureConcurrentStreams(server.port, 20, concurrent.events / 10, concurrent.eventBytes);
    const a = await measureSingleStream(server.port, path, sse.events, sse.eventBytes);
    const b = await measureConcurrentStreams(server.port, concurrent.connections, concurrent.events, concurrent.eventBytes);
    const c = await measureIdleStreams(server, streams);
    return { sseEventsPerSecond: a.itemsPerSecond, concurrentEventsPerSecond: b.eventsPerSecond, concurrentTtfbP99Ms: b.ttfbP99Ms, idleRssKbPerStream: c.rssKbPerStream, idleHeapKbPerStream: c.heapKbPerStream };
  } finally {
    await server.stop();
  }
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const values = parsedOrExitCode(
    () =>
      parseArgs({
        args: argv,
        strict: true,
        options: {
          runs: { type: 'string', default: '3' },
          runtimes: { type: 'string', default: 'bun,deno' },
          streams: { type: 'string', default: String(DEFAULT_CONFIG.idle.streams) },
          'no-pin': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }).values,
    USAGE,
  );
  if (typeof values === 'number') return values;
  const runs = Number(values.runs);
  const streams = Number(values.streams);
  const runtimes = values.runtimes.split(',').map((name) => name.trim());
  if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(streams) || streams < 1 || !runtimes.every((r) => r === 'bun' || r === 'deno')) {
    process.stderr.write(`--runs and --streams must be positive integers; --runtimes from bun, deno\n\n${USAGE}\n`);
    return 2;
  }
  requireOpenFileLimit(streams);
  const pinning = pinClient(!values['no-pin']);
  process.stderr.write(`runtimes: ${pinning.note}\n`);
  for (const runtime of runtimes as Runtime[]) {
    const ratios: Figures[] = [];
    const all: Record<Kind, Figures[]> = { raw: [], reference: [] };
    for (let run = 0; run < runs; run++) {
      const raw = await measure(runtime, 'raw', streams, pinning.serverCores);
      const reference = await measure(runtime, 'reference', streams, pinning.serverCores);
      all.raw.push(raw);
      all.reference.push(reference);
      ratios.push(Object.fromEntries(FIGURES.map(({ id }) => [id, reference[id] / raw[id]])) as unknown as Figures);
      process.stdout.write(`run ${run + 1} ${runtime}: ${FIGURES.map(({ id, digits }) => `${id} raw ${raw[id].toFixed(digits)} reference ${reference[id].toFixed(digits)}`).join('; ')}\n`);
    }
    process.stdout.write(`\n${runtime} (${streams} idle streams, ${runs} run(s)): median raw | median reference | median reference ÷ raw\n`);
    for (const { id, label, digits } of FIGURES) {
      const m = (list: Figures[]): number => median(list.map((f) => f[id]));
      process.stdout.write(`  ${label.padEnd(44)} ${m(all.raw).toFixed(digits).padStart(12)} | ${m(all.reference).toFixed(digits).padStart(12)} | ${m(ratios).toFixed(2)}×\n`);
    }
  }
  return 0;
}

runAsScript(import.meta.url, 'runtimes', main);
