/**
 * The bench tooling at tiny sizes, so it cannot rot: one run of every
 * scenario on every server kind, the report's shape, ratios computed within
 * the run, targets evaluated, files written. No timing is asserted.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_CONFIG } from '../../load/bench/config.ts';
import { renderBenchText } from '../../reports/bench/text.ts';
import { METRIC_IDS, type BenchReport } from '../../reports/bench/model.ts';
import { runBench } from '../../load/bench/run-bench.ts';
import { writeBenchReports } from '../../reports/bench/index.ts';

describe('bench smoke run (tiny sizes, 1 run)', () => {
  let report: BenchReport;
  let directory: string;

  beforeAll(async () => {
    report = await runBench({ ...QUICK_CONFIG, idle: { streams: 10 }, slowReader: { ...QUICK_CONFIG.slowReader, durationMs: 200 } });
    directory = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
  }, 120_000);
  afterAll(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it('measures every metric of every server, as finite numbers', () => {
    expect(report.runs).toHaveLength(1);
    const [run] = report.runs;
    expect(run!.order).toEqual(QUICK_CONFIG.servers);
    for (const server of QUICK_CONFIG.servers) {
      for (const id of METRIC_IDS) expect(Number.isFinite(run!.values[server]![id]), `${server} ${id}`).toBe(true);
      expect(run!.values[server]!.sseEventsPerSecond).toBeGreaterThan(0);
      expect(run!.values[server]!.concurrentTtfbP99Ms).toBeGreaterThanOrEqual(run!.values[server]!.concurrentTtfbP50Ms);
    }
  });

  it('computes ratios to raw within the run', () => {
    const [run] = report.runs;
    for (const id of METRIC_IDS) {
      const raw = run!.values.raw![id];
      if (raw !== 0) expect(run!.ratiosToRaw.raw![id]).toBe(1);
      if (raw !== 0) expect(run!.ratiosToRaw.reference![id]).toBeCloseTo(run!.values.reference![id] / raw, 12);
    }
    const summary = report.summary.find((s) => s.server === 'reference')!;
    expect(summary.metrics.sseEventsPerSecond.medianRatioToRaw).toBeCloseTo(run!.ratiosToRaw.reference!.sseEventsPerSecond, 12);
  });

  it('measures the API floor in the run and takes ratios to it and to raw-batched', () => {
    const [run] = report.runs;
    expect(run!.apiFloor.sseEventsPerSecond).toBeGreaterThan(0);
    expect(run!.ratiosToApiFloor.reference).toBeCloseTo(run!.values.reference!.sseEventsPerSecond / run!.apiFloor.sseEventsPerSecond, 12);
    expect(run!.ratiosToRawBatched['raw-batched']!.sseEventsPerSecond).toBe(1);
    expect(run!.ratiosToRawBatched.reference!.concurrentEventsPerSecond).toBeCloseTo(run!.values.reference!.concurrentEventsPerSecond / run!.values['raw-batched']!.concurrentEventsPerSecond, 12);
    expect(report.apiFloor.sseEventsPerSecond.values).toEqual([run!.apiFloor.sseEventsPerSecond]);
  });

  it('evaluates every target of issue 14 with a verdict, on both paths of the reference', () => {
    const perPath = ['a-sse', 'a-bytes', 'b-events', 'b-ttfb-p99', 'c-rss', 'c-heap', 'd-growth'];
    expect(report.targets.map((t) => t.id)).toEqual(['reference', 'reference-manual'].flatMap((subject) => perPath.map((id) => `${id}:${subject}`)));
    for (const target of report.targets) {
      // At tiny sizes raw's RSS may not move at all (a ratio to 0 is n/a): then the target is not met.
      if (!Number.isFinite(target.actual)) {
        expect(target.met, target.id).toBe(false);
        continue;
      }
      const met = target.comparison === '>=' ? target.actual >= target.threshold : target.comparison === '<=' ? target.actual <= target.threshold : target.actual < target.threshold;
      expect(target.met, target.id).toBe(met);
    }
  });

  it('writes bench.json (the same report) and bench.md, and prints a table', async () => {
    const written = await writeBenchReports(report, directory);
    const json = JSON.parse(await readFile(written.json, 'utf8')) as BenchReport;
    expect(json.tool).toBe('streamconform-bench');
    expect(json.summary.map((s) => s.server)).toEqual(QUICK_CONFIG.servers);
    expect(json.runs[0]!.values.hono!.bytesMegabytesPerSecond).toBe(report.runs[0]!.values.hono!.bytesMegabytesPerSecond);
    const markdown = await readFile(written.markdown, 'utf8');
    expect(markdown).toContain('| metric | API floor');
    expect(markdown).toContain('raw node:http, events joined into ~64 KiB writes');
    expect(markdown).toMatch(/\| reference, createStream \+ await ready path \| \(b\) 200 conns TTFB p99 ≤ 1\.5 × raw-batched \| [\d.n/a]+ × raw-batched \(≤ 1\.5\) \| [\d.,n/a]+ ms \(bound ≤ [\d.,n/a]+\) \| (yes|\*\*no\*\*) \|/);
    const text = renderBenchText(report);
    // The table: the API floor column, then raw (1.00×) first among the servers.
    expect(text).toMatch(/^\(a\) 1 conn, 1,000 × 16 B SSE events, events\/s +[\d,]+ \([\d.]+×\) +[\d,]+ \(1\.00×\)/m);
    expect(text).toMatch(/^ {4}(met {4}|NOT MET) {2}\(a\) small SSE events\/s ≥ 0\.9 × API floor: [\d.]+ × API floor \(≥ 0\.9\); [\d,]+ events\/s \(bound ≥ [\d,]+\)$/m);
    expect(text).toContain('  reference, createStream + await ready path:');
  });
});
