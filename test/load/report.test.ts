/**
 * Load reports from real k6 v2.2.0 output (test/load/fixtures, copied from the
 * shared fixtures): all three summary kinds and the failed-thresholds run.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  detectSummaryKind,
  LoadReportError,
  readSummaryFile,
  readTimeline,
  renderLoadHtml,
  renderLoadMarkdown,
  type LoadRun,
} from '../../reports/load/index.ts';
import { main } from '../../load/cli.ts';
import { roundTicks } from '../../reports/load/svg.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string): string => join(FIXTURES, name);

function capture(): { io: { stdout(t: string): void; stderr(t: string): void }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t) }, out: () => out, err: () => err };
}

describe('summary kinds', () => {
  it('detects each kind from its shape', () => {
    const kinds = ['summary-export.json', 'summary.json', 'summary-export-new-machine-readable.json'].map((name) =>
      detectSummaryKind(JSON.parse(readFileSync(fixture(name), 'utf8')), name),
    );
    expect(kinds).toEqual(['summary-export', 'handle-summary', 'machine-readable']);
  });

  it('reads the same numbers from the export and the handleSummary JSON of one run', () => {
    const exported = readSummaryFile(fixture('summary-export.json'));
    const handled = readSummaryFile(fixture('summary.json'));
    for (const summary of [exported, handled]) {
      expect(summary.metrics.get('http_reqs')?.values.count).toBe(462);
      expect(summary.metrics.get('http_req_waiting')?.values['p(95)']).toBeCloseTo(6.4136073499999995, 10);
      expect(summary.metrics.get('http_req_receiving{scenario:sse}')?.values['p(95)']).toBeCloseTo(963.8846531500001, 10);
      // the export's rate `value` and handleSummary's `rate` land in one place
      expect(summary.metrics.get('checks')?.values).toMatchObject({ rate: 1, passes: 1786, fails: 0 });
      expect(summary.metrics.get('sse_framing_ok')?.type).toBe('rate');
      expect(summary.thresholds).toHaveLength(9);
      expect(summary.thresholds.every((t) => t.ok)).toBe(true);
      expect(summary.checks.find((c) => c.name === 'sse: exactly 20 events')).toMatchObject({ passes: 320, fails: 0 });
      expect(summary.checks).toHaveLength(11);
    }
    expect(handled.durationMs).toBeCloseTo(15501.147332, 5);
    expect(exported.durationMs).toBeCloseTo(15501.147332, 0); // count ÷ rate
  });

  it('reads the machine-readable summary: p90 → p(90), matches/total → passes/fails, no thresholds', () => {
    const summary = readSummaryFile(fixture('summary-export-new-machine-readable.json'));
    expect(summary.kind).toBe('machine-readable');
    expect(summary.k6Version).toBe('2.2.0');
    expect(summary.hasThresholds).toBe(false);
    expect(summary.metrics.get('http_req_duration')?.values['p(95)']).toBeCloseTo(969.33175275, 8);
    expect(summary.metrics.get('http_req_failed')?.values).toMatchObject({ rate: 0, passes: 0, fails: 460 });
    expect(summary.metrics.get('checks')?.values).toMatchObject({ rate: 1, passes: 1780, fails: 0 });
    expect(summary.metrics.get('http_reqs')?.values.rate).toBeCloseTo(460 / 15.415319954, 6);
    expect(summary.checks.find((c) => c.name === 'ndjson: status is 200')).toMatchObject({ passes: 60, fails: 0 });
  });

  it('reads a failed threshold as failed in both kinds (export: true means FAILED)', () => {
    for (const name of ['thresholds-failed/summary-export.json', 'thresholds-failed/summary.json']) {
      const failed = readSummaryFile(fixture(name)).thresholds.filter((t) => !t.ok);
      expect(failed.map((t) => `${t.metric} ${t.expression}`).sort()).toEqual([
        'http_req_waiting p(95)<500',
        'http_req_waiting{scenario:sse} p(95)<500',
      ]);
    }
  });
});

describe('timeline from --out json', () => {
  it('buckets the points per second and builds the TTFB and duration histograms', async () => {
    const timeline = await readTimeline(fixture('metrics.ndjson'));
    expect(timeline.lines).toBe(2000);
    expect(timeline.points).toBe(1980);
    expect(timeline.buckets.map((b) => b.requests)).toEqual([29, 29, 29, 17]);
    expect(timeline.buckets.reduce((sum, b) => sum + b.requests, 0)).toBe(104);
    expect(timeline.eventMetrics).toEqual(['sse_events_total', 'text_lines_total']);
    expect(timeline.buckets[0]?.events).toEqual({ sse_events_total: 400, text_lines_total: 100 });
    expect(timeline.histograms.waiting.total).toBe(104);
    expect(timeline.histograms.duration.total).toBe(104);
    expect(timeline.buckets[0]?.vus).toBe(27);
  });

  it('counts k6 request errors (timeouts) from the probe run', async () => {
    const timeline = await readTimeline(fixture('probe-timeouts.ndjson'));
    expect(timeline.errors).toEqual({ 'request timeout': 3 });
    expect(timeline.buckets.reduce((sum, b) => sum + b.failedRequests, 0)).toBe(3);
  });
});

describe('renderers', () => {
  async function fixtureRun(summaryName: string): Promise<LoadRun> {
    return { summary: readSummaryFile(fixture(summaryName)), timeline: await readTimeline(fixture('metrics.ndjson')) };
  }

  it.each(['summary-export.json', 'summary.json', 'summary-export-new-machine-readable.json'])(
    'renders a passing run from %s',
    async (name) => {
      const run = await fixtureRun(name);
      const html = renderLoadHtml(run);
      const markdown = renderLoadMarkdown(run);
      expect(html).toContain('<span class="verdict pass">PASS</span>');
      expect(markdown.startsWith('## ✅ PASS')).toBe(true);
      // the check table carries the fixture's counts
      expect(markdown).toMatch(/\| ✅ \| sse: exactly 20 events \| 320 \| 0 \| 100\.00% \|/);
      expect(html).toContain('sse: ids strictly increasing');
      // TTFB and last-byte percentiles from the summary
      expect(markdown).toMatch(/`http_req_duration` \| [^|]+ \| [^|]+ \| [^|]+ \| [^|]+ \| 96\d\.\d ms \|/);
      // charts: inline SVG, no external resources, no scripts
      expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
      expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    },
  );

  it('renders the failed-thresholds run with the crossed thresholds named and the observed p95', async () => {
    const run = await fixtureRun('thresholds-failed/summary.json');
    const html = renderLoadHtml(run);
    const markdown = renderLoadMarkdown(run);
    expect(html).toContain('<span class="verdict fail">FAIL</span>');
    expect(html).toContain('2 thresholds crossed: http_req_waiting p(95)&lt;500, http_req_waiting{scenario:sse} p(95)&lt;500');
    expect(markdown.startsWith('## ❌ FAIL')).toBe(true);
    expect(markdown).toContain('| ❌ fail | `http_req_waiting` | `p(95)<500` | p(95) = 602.6 ms |');
    expect(markdown).toContain('| ❌ fail | `http_req_waiting{scenario:sse}` | `p(95)<500` | p(95) = 602.6 ms |');
    expect(markdown).toContain('| ✅ pass | `sse_framing_ok` | `rate>0.99` | rate = 100.00% |');
    expect(html).toContain('(7 passed, 2 failed)');
  });

  it('says that the machine-readable summary carries no thresholds', async () => {
    const html = renderLoadHtml(await fixtureRun('summary-export-new-machine-readable.json'));
    expect(html).toContain('records no thresholds');
  });

  it('is deterministic', async () => {
    const run = await fixtureRun('summary.json');
    expect(renderLoadHtml(run)).toBe(renderLoadHtml(run));
    expect(renderLoadMarkdown(run)).toBe(renderLoadMarkdown(run));
  });

  it('draws server memory and open streams when /metrics samples are given', async () => {
    const run = await fixtureRun('summary.json');
    run.server = [0, 1000, 2000].map((t, index) => ({
      t,
      memory: { rss: 50_000_000 + index, heapUsed: 10_000_000, heapTotal: 20_000_000, external: 1, arrayBuffers: 2 },
      streams: { open: [0, 27, 0][index]!, opened: index * 30, completed: index * 30, aborted: 0, failed: 0 },
      bytesProduced: index * 1000,
    }));
    const html = renderLoadHtml(run);
    expect(html).toContain('Server memory');
    expect(html).toContain('Open streams');
    expect(html).toMatch(/peak open streams<\/td><td class="n">27</);
  });

  it('puts the time axis ticks of the server charts at round seconds', async () => {
    const run = await fixtureRun('summary.json');
    // samples at odd times, as a sampler records them: the last at 12.345 s
    run.server = [0, 1234, 5678, 9012, 12_345].map((t) => ({
      t,
      memory: { rss: 50_000_000, heapUsed: 10_000_000, heapTotal: 20_000_000, external: 1, arrayBuffers: 2 },
      streams: { open: 1, opened: 1, completed: 0, aborted: 0, failed: 0 },
      bytesProduced: 0,
    }));
    const html = renderLoadHtml(run);
    const chart = html.slice(html.indexOf('aria-label="Server memory"'), html.indexOf('</svg>', html.indexOf('aria-label="Server memory"')));
    const xTicks = [...chart.matchAll(/<text x="[\d.]+" y="220" text-anchor="middle" class="tick">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(xTicks).toEqual(['0', '2', '4', '6', '8', '10', '12']);
  });

  it('chooses round tick steps of 1, 2 or 5 × 10^k', () => {
    expect(roundTicks(12.345)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(roundTicks(180)).toEqual([0, 50, 100, 150]);
    expect(roundTicks(7)).toEqual([0, 2, 4, 6]);
    expect(roundTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(roundTicks(6)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(roundTicks(0)).toEqual([0]);
    for (const max of [1.7, 3.3, 42, 99.9, 1234, 0.37]) {
      const ticks = roundTicks(max);
      expect(ticks.length).toBeLessThanOrEqual(7);
      expect(ticks.at(-1)!).toBeLessThanOrEqual(max);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('streamconform load report', () => {
  it('writes load.html and load.md from each summary kind (exit 0), and exit 1 for crossed thresholds', async () => {
    for (const [name, code] of [
      ['summary-export.json', 0],
      ['summary.json', 0],
      ['summary-export-new-machine-readable.json', 0],
      ['thresholds-failed/summary-export.json', 1],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'load-report-'));
      const output = capture();
      const exit = await main(['report', '--summary', fixture(name), '--ndjson', fixture('metrics.ndjson'), '--report-dir', dir], { io: output.io });
      expect(exit, `${name}: ${output.err()}`).toBe(code);
      expect(readFileSync(join(dir, 'load.html'), 'utf8')).toContain('k6 load report');
      expect(readFileSync(join(dir, 'load.md'), 'utf8')).toContain('### Checks');
      if (code === 1) expect(output.err()).toContain('threshold crossed: http_req_waiting{scenario:sse} p(95)<500');
    }
  });

  it('exits 2 naming the file when it is not a k6 summary', async () => {
    const output = capture();
    const exit = await main(['report', '--summary', fixture('README.md'), '--report-dir', mkdtempSync(join(tmpdir(), 'load-'))], { io: output.io });
    expect(exit).toBe(2);
    expect(output.err()).toContain(`${fixture('README.md')}: is not JSON`);

    const notK6 = capture();
    const dir = mkdtempSync(join(tmpdir(), 'load-'));
    const file = join(dir, 'package.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ name: 'x', metrics: [] }));
    expect(await main(['report', '--summary', file, '--report-dir', dir], { io: notK6.io })).toBe(2);
    expect(notK6.err()).toContain(`${file}: is not a k6 summary (found an object with keys ["name","metrics"])`);
  });

  it('exits 2 for a missing file and for an NDJSON line that is not k6 output', async () => {
    const missing = capture();
    expect(await main(['report', '--summary', fixture('nope.json')], { io: missing.io })).toBe(2);
    expect(missing.err()).toContain('nope.json: no such file');
    const bad = capture();
    expect(await main(['report', '--summary', fixture('summary.json'), '--ndjson', fixture('summary.json'), '--report-dir', mkdtempSync(join(tmpdir(), 'load-'))], { io: bad.io })).toBe(2);
    expect(bad.err()).toMatch(/summary\.json: line 1 is .*k6 --out json lines/);
  });

  it('rejects unknown flags naming the flag (exit 2)', async () => {
    const output = capture();
    expect(await main(['report', '--summmary', 'x'], { io: output.io })).toBe(2);
    expect(output.err()).toContain("'--summmary'");
  });
});

describe('errors', () => {
  it('LoadReportError carries a stable code', () => {
    try {
      detectSummaryKind([1, 2], 'list.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LoadReportError);
      expect((error as LoadReportError).code).toBe('NOT_A_K6_SUMMARY');
      expect((error as LoadReportError).message).toMatch(/^list\.json: is not a k6 summary \(found an array\)/);
    }
  });
});
