/** The bench's pure parts: the chunked-body counter, statistics, ratios, targets, arguments. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedBodyCounter, ChunkedFramingError } from '../../load/bench/client/chunked-body-counter.ts';
import { parseBenchArguments } from '../../load/bench/main.ts';
import { sseEventText } from '../../load/bench/protocol.ts';
import { METRIC_IDS, type BenchRun, type MetricValues } from '../../reports/bench/model.ts';
import { median, percentile } from '../../load/bench/statistics.ts';
import { openFileLimits, openFilesNeeded, requireOpenFileLimit } from '../../load/bench/file-limit.ts';
import { benchRun, evaluateTargets, ratiosToRaw } from '../../load/bench/summarize.ts';

function frame(chunks: Uint8Array[]): Uint8Array {
  const parts = chunks.flatMap((chunk) => [Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), Buffer.from(chunk), Buffer.from('\r\n')]);
  return Buffer.concat([...parts, Buffer.from('0\r\n\r\n')]);
}

describe('ChunkedBodyCounter', () => {
  it('counts body bytes and sees the last chunk, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (chunks, cuts) => {
        const wire = frame(chunks);
        const points = [...new Set(cuts.map((cut) => cut % wire.byteLength))].filter((cut) => cut > 0).sort((a, b) => a - b);
        const counter = new ChunkedBodyCounter();
        let from = 0;
        for (const point of [...points, wire.byteLength]) {
          expect(counter.complete).toBe(false);
          counter.feed(wire.subarray(from, point));
          from = point;
        }
        expect(counter.complete).toBe(true);
        expect(counter.chunks).toBe(chunks.length);
        expect(counter.bodyBytes).toBe(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
      }),
    );
  });

  it('is not complete without the last chunk, and rejects broken framing', () => {
    const counter = new ChunkedBodyCounter();
    counter.feed(Buffer.from('5\r\nhello\r\n'));
    expect(counter.complete).toBe(false);
    expect(counter.bodyBytes).toBe(5);
    expect(() => new ChunkedBodyCounter().feed(Buffer.from('zz\r\n'))).toThrow(ChunkedFramingError);
    expect(() => new ChunkedBodyCounter().feed(Buffer.from('2\r\nabXY'))).toThrow(/CRLF/);
  });

  it('reports where the body ended inside a buffer', () => {
    const counter = new ChunkedBodyCounter();
    expect(counter.feed(Buffer.from('1;ext=1\r\na\r\n0\r\n\r\nEXTRA'))).toBe(17);
    expect(counter.complete).toBe(true);
  });
});

describe('statistics', () => {
  it('median of odd and even counts, NaN ignored', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });
  it('percentile by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('ratios and targets', () => {
  const values = (overrides: Partial<MetricValues>): MetricValues => ({ ...(Object.fromEntries(METRIC_IDS.map((id) => [id, 1])) as MetricValues), ...overrides });

  it('divides by raw in the same run', () => {
    const ratios = ratiosToRaw({ raw: values({ sseEventsPerSecond: 400 }), reference: values({ sseEventsPerSecond: 380 }) });
    expect(ratios.raw!.sseEventsPerSecond).toBe(1);
    expect(ratios.reference!.sseEventsPerSecond).toBeCloseTo(0.95, 12);
  });

  it('meets or misses each target on the median of its per-run ratio, per path of the reference', () => {
    const run = (index: number, reference: Partial<MetricValues>, floor = 100): BenchRun => {
      const v = {
        raw: values({ sseEventsPerSecond: 100, idleRssKbPerStream: 20, idleHeapKbPerStream: 5 }),
        'raw-batched': values({ concurrentEventsPerSecond: 1000, concurrentTtfbP99Ms: 100 }),
        reference: values(reference),
        'reference-manual': values({ sseEventsPerSecond: 50 }),
      };
      return benchRun(index, ['raw', 'raw-batched', 'reference', 'reference-manual'], v, floor);
    };
    const runs = [
      run(0, { sseEventsPerSecond: 95, slowRssGrowthMb: 3, concurrentEventsPerSecond: 700, concurrentTtfbP99Ms: 140, idleRssKbPerStream: 24, idleHeapKbPerStream: 9 }),
      run(1, { sseEventsPerSecond: 85, slowRssGrowthMb: 9, concurrentEventsPerSecond: 500, concurrentTtfbP99Ms: 160, idleRssKbPerStream: 26, idleHeapKbPerStream: 7 }),
      run(2, { sseEventsPerSecond: 91, slowRssGrowthMb: 2, concurrentEventsPerSecond: 650, concurrentTtfbP99Ms: 150, idleRssKbPerStream: 25, idleHeapKbPerStream: 8 }),
    ];
    expect(runs[0]!.ratiosToApiFloor.reference).toBeCloseTo(0.95, 12);
    expect(runs[0]!.ratiosToRawBatched.reference!.concurrentEventsPerSecond).toBeCloseTo(0.7, 12);
    const targets = Object.fromEntries(evaluateTargets(runs, []).map((t) => [t.id, t]));
    expect(targets['a-sse:reference']).toMatchObject({ actual: 0.91, met: true, figure: 91, bound: 90, figureUnit: 'events/s', subject: 'reference' });
    expect(targets['a-sse:reference-manual']).toMatchObject({ actual: 0.5, met: false });
    expect(targets['b-events:reference']).toMatchObject({ actual: 0.65, met: true, bound: 600 });
    expect(targets['b-ttfb-p99:reference']).toMatchObject({ actual: 1.5, met: true, bound: 150 });
    expect(targets['c-rss:reference']).toMatchObject({ actual: 1.25, met: true, bound: 25 });
    expect(targets['c-heap:reference']!.actual).toBeCloseTo(1.6, 12);
    expect(targets['c-heap:reference']!.met).toBe(true);
    expect(targets['d-growth:reference']).toMatchObject({ actual: 3, met: true });
    const timing = (durationMs: number, exitCode = 0) => ({ command: 'node bin run', seed: 1, durationMs, exitCode, summary: undefined, failed: [] });
    const slow = evaluateTargets([run(0, { sseEventsPerSecond: 50 })], [timing(7_000), timing(21_000), timing(8_500, 1)]);
    expect(slow.find((t) => t.id === 'a-sse:reference')!.met).toBe(false);
    expect(slow.find((t) => t.id === 'suite-median')).toMatchObject({ actual: 8.5, met: false });
    expect(slow.find((t) => t.id === 'suite-slowest')).toMatchObject({ actual: 21, met: false });
    expect(slow.find((t) => t.id === 'suite-pass')).toMatchObject({ actual: 1, met: false });
    const fast = evaluateTargets([run(0, {})], [timing(7_000), timing(8_000), timing(19_000)]);
    expect(fast.filter((t) => t.subject === 'suite').every((t) => t.met)).toBe(true);
  });

  it('checks the open-file limit scenario (c) needs, with the way to raise it', () => {
    const limits = (soft: string, hard: string) => openFileLimits(`Limit Soft Limit Hard Limit Units\nMax open files            ${soft}                ${hard}                files\n`);
    expect(limits('1024', '524288')).toEqual({ soft: 1024, hard: 524288 });
    expect(limits('unlimited', 'unlimited')).toEqual({ soft: Number.POSITIVE_INFINITY, hard: Number.POSITIVE_INFINITY });
    expect(openFilesNeeded(10_000)).toBe(20_000);
    expect(() => requireOpenFileLimit(10_000, limits('1024', '524288'))).toThrow(/ulimit -n 20000/);
    expect(() => requireOpenFileLimit(10_000, limits('1024', '4096'))).toThrow(/hard limit is 4096/);
    expect(() => requireOpenFileLimit(10_000, limits('20000', '20000'))).not.toThrow();
  });
});

describe('bench arguments', () => {
  it('always keeps raw and raw-batched as the baselines and rejects unknown servers and bad counts', () => {
    const parsed = parseBenchArguments(['--servers', 'hono,reference,raw-batched', '--runs', '7', '--no-browser', '--suite-runs', '3']);
    expect(parsed).not.toBe('help');
    if (parsed === 'help') return;
    expect(parsed.config.servers).toEqual(['raw', 'raw-batched', 'hono', 'reference']);
    expect(parsed.config.runs).toBe(7);
    expect(parsed.config.conformance).toEqual({ should: true, shouldRuns: 3, browser: false });
    expect(() => parseBenchArguments(['--suite-runs', 'x'])).toThrow(/--suite-runs must be a positive integer/);
    expect(() => parseBenchArguments(['--servers', 'express'])).toThrow(/unknown "express"/);
    expect(() => parseBenchArguments(['--runs', '0'])).toThrow(/--runs must be a positive integer/);
  });

  it('sizes SSE events exactly', () => {
    expect(sseEventText(16)).toBe('data: xxxxxxxx\n\n');
    expect(Buffer.byteLength(sseEventText(64))).toBe(64);
    expect(() => sseEventText(8)).toThrow(RangeError);
  });
});
