/** The bench's sizes: the (default) and a tiny set for the smoke test. */
import type { ServerKind } from './protocol.ts';

/** Everything a bench run does, and at what size. */
export interface BenchConfig {
  /** Alternating runs (every server once per run); medians are over these. */
  runs: number;
  /** Servers to compare; `raw` is the baseline of every ratio and must be included. */
  servers: ServerKind[];
  /** (a) one connection of small SSE events. */
  sse: { events: number; eventBytes: number };
  /** (a) one connection of large byte chunks. */
  bytes: { chunks: number; chunkBytes: number };
  /** (b) many connections at once, SSE. */
  concurrent: { connections: number; events: number; eventBytes: number };
  /** (c) idle open SSE streams held at once. */
  idle: { streams: number };
  /** (d) a slow reader on an endless SSE stream. */
  slowReader: { durationMs: number; bytesPerSecond: number; eventBytes: number };
  /** Time the conformance suite (`--level should`, and `--browser`). */
  conformance: { should: boolean; browser: boolean };
  /** Pin servers and client to separate cores with `taskset`. */
  pin: boolean;
}

/** The sizes (issue 6): what `npm run bench` measures. */
export const DEFAULT_CONFIG: BenchConfig = {
  runs: 5,
  servers: ['raw', 'reference', 'reference-manual', 'hono'],
  sse: { events: 200_000, eventBytes: 16 },
  bytes: { chunks: 2_000, chunkBytes: 64 * 1024 },
  concurrent: { connections: 200, events: 2_000, eventBytes: 64 },
  idle: { streams: 2_000 },
  slowReader: { durationMs: 10_000, bytesPerSecond: 100_000, eventBytes: 64 },
  conformance: { should: true, browser: true },
  pin: true,
};

/** Tiny sizes that exercise every part in seconds (the smoke test; `--quick`). */
export const QUICK_CONFIG: BenchConfig = {
  runs: 1,
  servers: ['raw', 'reference', 'reference-manual', 'hono'],
  sse: { events: 1_000, eventBytes: 16 },
  bytes: { chunks: 20, chunkBytes: 64 * 1024 },
  concurrent: { connections: 2, events: 100, eventBytes: 64 },
  idle: { streams: 20 },
  slowReader: { durationMs: 300, bytesPerSecond: 100_000, eventBytes: 64 },
  conformance: { should: false, browser: false },
  pin: false,
};
