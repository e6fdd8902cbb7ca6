/** `--baseline FILE`: regressions exit 1 naming the metric and both values; a missing metric exits 2. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, LoadReportError, parseMetricSpec, parseTolerance, readSummaryFile } from '../../reports/load/index.ts';
import { main } from '../../load/cli.ts';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) }, out: () => out, err: () => err };
}

describe('metric specs and tolerance', () => {
  it('parses metric:stat with tag selectors and an explicit direction', () => {
    expect(parseMetricSpec('http_req_duration:p(95)')).toEqual({ metric: 'http_req_duration', stat: 'p(95)' });
    expect(parseMetricSpec('http_req_waiting{scenario:sse}:p95')).toEqual({ metric: 'http_req_waiting{scenario:sse}', stat: 'p(95)' });
    expect(parseMetricSpec('http_reqs:rate:higher-is-better')).toEqual({ metric: 'http_reqs', stat: 'rate', direction: 'higher-is-better' });
    expect(() => parseMetricSpec('http_req_duration')).toThrow(/--metric "http_req_duration" is not METRIC:STAT/);
    expect(() => parseMetricSpec('a:b:sideways')).toThrow(LoadReportError);
  });

  it('parses 10% and 0.1 alike and rejects the rest', () => {
    expect(parseTolerance('10%')).toBeCloseTo(0.1);
    expect(parseTolerance('0.1')).toBeCloseTo(0.1);
    expect(() => parseTolerance('-5%')).toThrow(/--tolerance "-5%"/);
  });
});

describe('compareWithBaseline', () => {
  const good = readSummaryFile(fixture('summary.json'));
  const slow = readSummaryFile(fixture('thresholds-failed/summary-export.json'));

  it('flags a p95 that grew beyond the tolerance, not one within it', () => {
    const rows = compareWithBaseline(slow, good, { tolerance: 0.1 }).rows;
    expect(rows.find((r) => r.key === 'http_req_waiting:p(95)')).toMatchObject({ regressed: true, current: 602.5639366, baseline: 6.4136073499999995 });
    expect(rows.find((r) => r.key === 'checks:rate')).toMatchObject({ regressed: false, direction: 'higher-is-better' });
    const within = compareWithBaseline(good, good, { tolerance: 0 }).rows;
    expect(within.every((r) => !r.regressed)).toBe(true);
    // the receiving p95 differs by < 0.2% between the two runs
    const receiving = compareWithBaseline(slow, good, { specs: [parseMetricSpec('http_req_receiving:p(95)')], tolerance: 0.01 });
    expect(receiving.rows[0]!.regressed).toBe(false);
  });

  it('treats a falling throughput counter as a regression (higher is better)', () => {
    const rows = compareWithBaseline(slow, good, { specs: [parseMetricSpec('http_reqs:rate')], tolerance: 0.1 }).rows;
    expect(rows[0]).toMatchObject({ direction: 'higher-is-better', regressed: true });
  });

  it('compares across summary kinds (machine-readable p95 vs export p(95))', () => {
    const machine = readSummaryFile(fixture('summary-export-new-machine-readable.json'));
    const rows = compareWithBaseline(machine, good, { specs: [parseMetricSpec('http_req_duration:p(95)')], tolerance: 0.05 }).rows;
    expect(rows[0]).toMatchObject({ current: 969.33175275, baseline: 967.97976205, regressed: false });
  });

  it('throws METRIC_MISSING naming the metric and the file', () => {
    const machine = readSummaryFile(fixture('summary-export-new-machine-readable.json'));
    expect(() => compareWithBaseline(machine, good, { specs: [parseMetricSpec('http_req_waiting:p(95)')], tolerance: 0.1 })).toThrow(
      `${fixture('summary-export-new-machine-readable.json')}: has no metric "http_req_waiting"; cannot compare http_req_waiting:p(95)`,
    );
    expect(() => compareWithBaseline(good, machine, { specs: [parseMetricSpec('http_req_duration:p(99)')], tolerance: 0.1 })).toThrow(
      /has no "p\(99\)" \(it has avg, max, med, min, p\(90\), p\(95\)\)/,
    );
  });
});

describe('streamconform load report --baseline', () => {
  it('exits 1 naming each regressed metric with both values', async () => {
    const output = capture();
    const dir = mkdtempSync(join(tmpdir(), 'load-baseline-'));
    const exit = await main(
      ['report', '--summary', fixture('thresholds-failed/summary.json'), '--baseline', fixture('summary.json'),
        '--metric', 'http_req_duration:p(95)', '--metric', 'checks:rate', '--tolerance', '10%', '--report-dir', dir],
      { io: output.io },
    );
    expect(exit).toBe(1);
    expect(output.err()).toContain(`http_req_duration:p(95) regressed: 1564.98 now vs 967.98 in ${fixture('summary.json')} (+61.7%, lower-is-better, tolerance 10.0%)`);
    expect(output.err()).not.toContain('checks:rate regressed');
    expect(readFileSync(join(dir, 'load.md'), 'utf8')).toContain('| ❌ regressed | `http_req_duration:p(95)` | 1565.0 | 968.0 | +61.7% | lower-is-better |');
  });

  it('exits 0 when nothing regressed', async () => {
    const output = capture();
    const exit = await main(
      ['report', '--summary', fixture('summary-export.json'), '--baseline', fixture('summary.json'), '--report-dir', mkdtempSync(join(tmpdir(), 'load-'))],
      { io: output.io },
    );
    expect(exit, output.err()).toBe(0);
  });

  it('exits 2 when a chosen metric is missing in either file', async () => {
    const output = capture();
    const exit = await main(
      ['report', '--summary', fixture('summary-export-new-machine-readable.json'), '--baseline', fixture('summary.json'),
        '--metric', 'http_req_waiting:p(95)', '--report-dir', mkdtempSync(join(tmpdir(), 'load-'))],
      { io: output.io },
    );
    expect(exit).toBe(2);
    expect(output.err()).toContain('has no metric "http_req_waiting"');
  });

  it('exits 2 for --metric without --baseline', async () => {
    const output = capture();
    expect(await main(['report', '--summary', fixture('summary.json'), '--metric', 'checks:rate'], { io: output.io })).toBe(2);
    expect(output.err()).toContain('--metric needs --baseline FILE');
  });
});
