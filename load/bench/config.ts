/** The bench's sizes: the (default) and a tiny set for the smoke test. */
import type { BenchConfig } from '../../reports/bench/model.ts';

export type { BenchConfig } from '../../reports/bench/model.ts';

/** The issues' sizes (issues 6 and 14): what `npm run bench` measures. */
export const DEFAULT_CONFIG: BenchConfig = {
  runs: 5,
  servers: ['raw', 'raw-batched', 'reference', 'reference-manual', 'hono'],
  sse: { events: 200_000, eventBytes: 16 },
  bytes: { chunks: 2_000, chunkBytes: 64 * 1024, rounds: 15 },
  concurrent: { connections: 200, events: 2_000, eventBytes: 64 },
  idle: { streams: 10_000 },
  slowReader: { durationMs: 10_000, bytesPerSecond: 100_000, eventBytes: 64 },
  conformance: { should: true, shouldRuns: 5, browser: true },
  pin: true,
};

/** Tiny sizes that exercise every part in seconds (the smoke test; `--quick`). */
export const QUICK_CONFIG: BenchConfig = {
  runs: 1,
  servers: ['raw', 'raw-batched', 'reference', 'reference-manual', 'hono'],
  sse: { events: 1_000, eventBytes: 16 },
  bytes: { chunks: 20, chunkBytes: 64 * 1024, rounds: 15 },
  concurrent: { connections: 2, events: 100, eventBytes: 64 },
  idle: { streams: 20 },
  slowReader: { durationMs: 300, bytesPerSecond: 100_000, eventBytes: 64 },
  conformance: { should: false, shouldRuns: 1, browser: false },
  pin: false,
};
