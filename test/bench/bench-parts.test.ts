/** The bench's pure parts: the chunked-body counter, statistics, ratios, targets, arguments. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedBodyCounter, ChunkedFramingError } from '../../load/bench/client/chunked-body-counter.ts';
import { parseBenchArguments } from '../../load/bench/main.ts';
import { sseEventText } from '../../load/bench/protocol.ts';
import { METRIC_IDS, type BenchRun, type MetricValues } from '../../reports/bench/model.ts';
import { median, percentile } from '../../load/bench/statistics.ts';
import { evaluateTargets, ratiosToRaw } from '../../load/bench/summarize.ts';

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

  it('meets or misses each target on the median of its per-run ratio', () => {
    const run = (index: number, reference: Partial<MetricValues>): BenchRun => {
      const v = { raw: values({ sseEventsPerSecond: 100 }), reference: values(reference), hono: values({ sseEventsPerSecond: 20 }) };
      return { index, order: ['raw', 'reference', 'hono'], values: v, ratiosToRaw: ratiosToRaw(v) };
    };
    const runs = [run(0, { sseEventsPerSecond: 95, slowRssGrowthMb: 3 }), run(1, { sseEventsPerSecond: 85, slowRssGrowthMb: 9 }), run(2, { sseEventsPerSecond: 91, slowRssGrowthMb: 2 })];
    const targets = Object.fromEntries(evaluateTargets(runs, []).map((t) => [t.id, t]));
    expect(targets['a-sse']).toMatchObject({ actual: 0.91, met: true });
    expect(targets['a-hono']).toMatchObject({ actual: 4.55, met: true });
    expect(targets['d-growth']).toMatchObject({ actual: 3, met: true });
    const slow = evaluateTargets([run(0, { sseEventsPerSecond: 50 })], [{ command: 'node bin run', durationMs: 31_000, exitCode: 0, summary: undefined, failed: [] }]);
    expect(slow.find((t) => t.id === 'a-sse')!.met).toBe(false);
    expect(slow.find((t) => t.id === 'suite-time')).toMatchObject({ actual: 31, met: false });
  });
});

describe('bench arguments', () => {
  it('always keeps raw as the baseline and rejects unknown servers and bad counts', () => {
    const parsed = parseBenchArguments(['--servers', 'hono,reference', '--runs', '7', '--no-browser']);
    expect(parsed).not.toBe('help');
    if (parsed === 'help') return;
    expect(parsed.config.servers).toEqual(['raw', 'hono', 'reference']);
    expect(parsed.config.runs).toBe(7);
    expect(parsed.config.conformance).toEqual({ should: true, browser: false });
    expect(() => parseBenchArguments(['--servers', 'express'])).toThrow(/unknown "express"/);
    expect(() => parseBenchArguments(['--runs', '0'])).toThrow(/--runs must be a positive integer/);
  });

  it('sizes SSE events exactly', () => {
    expect(sseEventText(16)).toBe('data: xxxxxxxx\n\n');
    expect(Buffer.byteLength(sseEventText(64))).toBe(64);
    expect(() => sseEventText(8)).toThrow(RangeError);
  });
});
