/**
 * `load.html`: one self-contained page (inline CSS and SVG, no scripts, no
 * external URLs) from a {@link LoadRun}. Pure and deterministic.
 */
import { digestLoadRun, type LoadDigest } from './digest.ts';
import { formatBytes, formatMs, formatNumber, formatPercent, formatStat, statsOf } from './format.ts';
import { escapeHtml } from './html-escape.ts';
import type { LoadRun, SummaryMetric } from './model.ts';
import { histogramChart, lineChart, type Series } from './svg.ts';

const KIND_LABEL = {
  'summary-export': 'k6 --summary-export',
  'handle-summary': 'handleSummary() JSON',
  'machine-readable': 'k6 --new-machine-readable-summary',
} as const;

const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2'];

const CSS = `
:root{--ok:#15803d;--ok-bg:#dcfce7;--bad:#b91c1c;--bad-bg:#fee2e2;--muted:#64748b;--line:#e2e8f0}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#0f172a;background:#f8fafc}
main{max-width:1320px;margin:0 auto;padding:20px 24px 48px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:14px;margin:14px 0 6px}
.verdict{display:inline-block;font-weight:700;padding:3px 10px;border-radius:4px;margin-right:8px}
.pass{color:var(--ok);background:var(--ok-bg)}.fail{color:var(--bad);background:var(--bad-bg)}
.meta{color:var(--muted);margin:6px 0 0}.meta code{color:#0f172a}
.reasons{margin:8px 0 0;padding-left:20px;color:var(--bad)}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:150px}
.card .v{font-size:19px;font-weight:600}.card .l{color:var(--muted);font-size:12px}
table{border-collapse:collapse;background:#fff;border:1px solid var(--line);font-size:13px}
th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f1f5f9;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.failed td{background:#fff5f5}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(600px,1fr));gap:14px}
.panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px}
.panel svg{max-width:100%;height:auto}
.note{color:var(--muted);font-size:12px;margin:4px 0 0}
svg .grid{stroke:#e2e8f0;stroke-width:1}svg .frame{fill:none;stroke:#94a3b8}
svg .tick{font-size:10px;fill:#475569}svg .axis-label,svg .legend{font-size:11px;fill:#334155}
svg .chart-title{font-size:12px;font-weight:600;fill:#0f172a}
details summary{cursor:pointer;color:#1d4ed8}
`;

function table(headers: readonly string[], rows: readonly string[][], rowClasses: readonly string[] = [], numeric: readonly boolean[] = []): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((cells, index) => {
      const cls = rowClasses[index] ? ` class="${rowClasses[index]}"` : '';
      return `<tr${cls}>${cells.map((cell, column) => `<td${numeric[column] ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table>${head}${body}</table>`;
}

function badge(ok: boolean, okText = 'PASS', failText = 'FAIL'): string {
  return `<span class="verdict ${ok ? 'pass' : 'fail'}">${ok ? okText : failText}</span>`;
}

function header(run: LoadRun, digest: LoadDigest): string {
  const { summary, info } = run;
  const meta: string[] = [];
  if (info?.adapter) meta.push(`adapter <code>${escapeHtml(info.adapter)}</code>`);
  if (info?.scenario) meta.push(`scenario <code>${escapeHtml(info.scenario)}</code>`);
  if (info?.profile) meta.push(`profile <code>${escapeHtml(info.profile)}</code>`);
  if (info?.baseUrl) meta.push(`target <code>${escapeHtml(info.baseUrl)}</code>`);
  if (summary.durationMs !== undefined) meta.push(`duration <code>${escapeHtml(formatMs(summary.durationMs))}</code>`);
  if (summary.k6Version) meta.push(`k6 <code>${escapeHtml(summary.k6Version)}</code>`);
  if (info?.k6ExitCode !== undefined) meta.push(`k6 exit code <code>${info.k6ExitCode}</code>`);
  meta.push(`source <code>${escapeHtml(summary.file)}</code> (${escapeHtml(KIND_LABEL[summary.kind])})`);
  const reasons = digest.verdict.reasons.length
    ? `<ul class="reasons">${digest.verdict.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>`
    : '';
  const command = info?.command ? `<p class="meta">reproduce: <code>${escapeHtml(info.command)}</code></p>` : '';
  const cards = digest.keyNumbers
    .map((n) => `<div class="card" title="${escapeHtml(n.source)}"><div class="v">${escapeHtml(n.value)}</div><div class="l">${escapeHtml(n.label)}</div></div>`)
    .join('');
  return `<header><h1>${badge(digest.verdict.passed)}k6 load report</h1><p class="meta">${meta.join(' · ')}</p>${command}${reasons}<div class="cards">${cards}</div></header>`;
}

function thresholdsSection(run: LoadRun, digest: LoadDigest): string {
  if (!run.summary.hasThresholds) {
    return `<h2>Thresholds</h2><p class="note">This summary kind (${escapeHtml(KIND_LABEL[run.summary.kind])}) records no thresholds; use --summary-export or the handleSummary JSON to see them.</p>`;
  }
  if (digest.thresholds.length === 0) return '<h2>Thresholds</h2><p class="note">The script set no thresholds.</p>';
  const sorted = [...digest.thresholds].sort((a, b) => Number(a.ok) - Number(b.ok) || a.metric.localeCompare(b.metric));
  const rows = sorted.map((row) => [badge(row.ok), `<code>${escapeHtml(row.metric)}</code>`, `<code>${escapeHtml(row.expression)}</code>`, escapeHtml(row.observed ?? '—')]);
  const failed = digest.thresholds.filter((row) => !row.ok).length;
  return `<h2>Thresholds <small>(${digest.thresholds.length - failed} passed, ${failed} failed)</small></h2>${table(['', 'metric', 'threshold', 'observed'], rows, sorted.map((row) => (row.ok ? '' : 'failed')))}`;
}

function checksSection(digest: LoadDigest): string {
  if (digest.checks.length === 0) return '<h2>Checks</h2><p class="note">No checks in this summary.</p>';
  const rows = digest.checks.map((row) => [badge(row.fails === 0, 'OK', 'FAIL'), escapeHtml(row.name), formatNumber(row.passes), formatNumber(row.fails), formatPercent(row.rate)]);
  return `<h2>Checks</h2>${table(['', 'check', 'passes', 'fails', 'pass rate'], rows, digest.checks.map((row) => (row.fails === 0 ? '' : 'failed')), [false, false, true, true, true])}`;
}

function metricTable(metrics: readonly SummaryMetric[]): string {
  const trendStats = ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'];
  const rows = metrics.map((metric) => [
    `<code>${escapeHtml(metric.name)}</code>`,
    ...trendStats.map((name) => {
      const value = metric.values[name];
      return value === undefined ? '—' : escapeHtml(formatStat(metric.contains, metric.type, name, value));
    }),
  ]);
  return table(['metric', ...trendStats], rows, [], [false, ...trendStats.map(() => true)]);
}

function distributionsSection(run: LoadRun, digest: LoadDigest): string {
  const parts = ['<h2>Time to first byte and to last byte</h2>'];
  parts.push(
    '<p class="note">k6 reads a streamed body whole: <code>http_req_waiting</code> is the time to the first response byte (headers), <code>http_req_receiving</code> first to last byte, <code>http_req_duration</code> the whole request up to the last event.</p>',
  );
  if (digest.latency.length > 0) parts.push(metricTable(digest.latency));
  const timeline = run.timeline;
  if (timeline && (timeline.histograms.waiting.total > 0 || timeline.histograms.duration.total > 0)) {
    const charts = [timeline.histograms.waiting, timeline.histograms.duration]
      .filter((histogram) => histogram.total > 0)
      .map((histogram, index) =>
        `<div class="panel">${histogramChart({
          title: `${histogram.metric === 'http_req_waiting' ? 'TTFB (http_req_waiting)' : 'Duration to last byte (http_req_duration)'} — ${histogram.total} requests`,
          bounds: histogram.bounds,
          counts: histogram.counts,
          color: PALETTE[index] ?? '#2563eb',
          formatX: formatMs,
        })}</div>`,
      );
    parts.push(`<div class="grid2">${charts.join('')}</div>`);
    parts.push(`<p class="note">Distributions from ${formatNumber(timeline.points)} points in <code>${escapeHtml(timeline.file)}</code> (log-scale bins).</p>`);
  } else {
    parts.push('<p class="note">No --out json points given: distributions are the summary percentiles above.</p>');
  }
  return parts.join('');
}

function overTimeSection(run: LoadRun): string {
  const timeline = run.timeline;
  if (!timeline || timeline.buckets.length === 0) {
    return '<h2>Over time</h2><p class="note">No --out json points given (k6 run --out json=FILE); nothing to chart over time.</p>';
  }
  const seconds = timeline.buckets;
  const requestSeries: Series[] = [
    { name: 'requests/s', color: PALETTE[0]!, points: seconds.map((b) => [b.second, b.requests] as const) },
  ];
  if (seconds.some((b) => b.failedRequests > 0)) {
    requestSeries.push({ name: 'failed/s', color: '#dc2626', points: seconds.map((b) => [b.second, b.failedRequests] as const) });
  }
  if (seconds.some((b) => b.vus !== undefined)) {
    let last = 0;
    requestSeries.push({
      name: 'VUs',
      color: '#64748b',
      rightAxis: true,
      points: seconds.map((b) => {
        last = b.vus ?? last;
        return [b.second, last] as const;
      }),
    });
  }
  const charts = [
    lineChart({ title: 'Requests per second', series: requestSeries, xLabel: 'seconds since start', formatY: (v) => formatNumber(Math.round(v)), formatRightY: (v) => formatNumber(Math.round(v)) }),
  ];
  if (timeline.eventMetrics.length > 0) {
    charts.push(
      lineChart({
        title: 'Events per second',
        series: timeline.eventMetrics.map((name, index) => ({
          name,
          color: PALETTE[(index + 1) % PALETTE.length]!,
          points: seconds.map((b) => [b.second, b.events[name] ?? 0] as const),
        })),
        xLabel: 'seconds since start',
        formatY: (v) => formatNumber(Math.round(v)),
      }),
    );
  }
  const errors = Object.entries(timeline.errors);
  const errorNote = errors.length
    ? `<p class="note">k6 request errors: ${errors.map(([error, count]) => `${escapeHtml(error)} × ${count}`).join(', ')}</p>`
    : '';
  return `<h2>Over time</h2><div class="grid2">${charts.map((chart) => `<div class="panel">${chart}</div>`).join('')}</div><p class="note">Per second, from ${formatNumber(timeline.points)} points${timeline.startedAt ? ` starting ${escapeHtml(timeline.startedAt)}` : ''}. k6 counts a response's events when its body has ended.</p>${errorNote}`;
}

function serverSection(run: LoadRun): string {
  const samples = run.server;
  if (!samples || samples.length === 0) {
    return '<h2>Server</h2><p class="note">No /metrics samples (streamconform load run records them from the load target while k6 runs).</p>';
  }
  const at = (t: number): number => t / 1000;
  const memory = lineChart({
    title: 'Server memory',
    series: [
      { name: 'rss', color: PALETTE[0]!, points: samples.map((s) => [at(s.t), s.memory.rss] as const) },
      { name: 'heapUsed', color: PALETTE[1]!, points: samples.map((s) => [at(s.t), s.memory.heapUsed] as const) },
      { name: 'arrayBuffers', color: PALETTE[2]!, points: samples.map((s) => [at(s.t), s.memory.arrayBuffers] as const) },
    ],
    xLabel: 'seconds since start',
    formatY: formatBytes,
  });
  const streams = lineChart({
    title: 'Open streams',
    series: [{ name: 'open streams', color: PALETTE[3]!, points: samples.map((s) => [at(s.t), s.streams.open] as const) }],
    xLabel: 'seconds since start',
    formatY: (v) => formatNumber(Math.round(v)),
  });
  const last = samples[samples.length - 1]!;
  const peakRss = Math.max(...samples.map((s) => s.memory.rss));
  const peakOpen = Math.max(...samples.map((s) => s.streams.open));
  const rows = [
    ['samples', formatNumber(samples.length)],
    ['peak rss', formatBytes(peakRss)],
    ['peak open streams', formatNumber(peakOpen)],
    ['open streams at the end', formatNumber(last.streams.open)],
    ['streams opened / completed / aborted / failed', `${last.streams.opened} / ${last.streams.completed} / ${last.streams.aborted} / ${last.streams.failed}`],
    ['bytes produced', formatBytes(last.bytesProduced)],
  ].map(([label, value]) => [escapeHtml(label!), escapeHtml(value!)]);
  return `<h2>Server</h2><div class="grid2"><div class="panel">${memory}</div><div class="panel">${streams}</div></div>${table(['', ''], rows, [], [false, true])}`;
}

function baselineSection(run: LoadRun): string {
  const comparison = run.baseline;
  if (!comparison) return '';
  const rows = comparison.rows.map((row) => [
    badge(!row.regressed, 'OK', 'REGRESSED'),
    `<code>${escapeHtml(row.key)}</code>`,
    escapeHtml(formatNumber(row.current)),
    escapeHtml(formatNumber(row.baseline)),
    escapeHtml(Number.isFinite(row.change) ? `${row.change >= 0 ? '+' : ''}${(row.change * 100).toFixed(1)}%` : 'from 0'),
    escapeHtml(row.direction),
  ]);
  return `<h2>Against the baseline</h2><p class="note">baseline <code>${escapeHtml(comparison.file)}</code>, tolerance ${escapeHtml(formatPercent(comparison.tolerance))}</p>${table(['', 'metric', 'now', 'baseline', 'change', 'better when'], rows, comparison.rows.map((row) => (row.regressed ? 'failed' : '')), [false, false, true, true, true, false])}`;
}

function allMetricsSection(digest: LoadDigest): string {
  const rows = digest.otherMetrics.map((metric) => [
    `<code>${escapeHtml(metric.name)}</code>`,
    escapeHtml(metric.type),
    escapeHtml(
      statsOf(metric)
        .map((name) => `${name}=${formatStat(metric.contains, metric.type, name, metric.values[name]!)}`)
        .join('  '),
    ),
  ]);
  return `<h2>Other metrics</h2><details><summary>${digest.otherMetrics.length} metrics</summary>${table(['metric', 'type', 'values'], rows)}</details>`;
}

/** Renders `load.html` for a run. */
export function renderLoadHtml(run: LoadRun): string {
  const digest = digestLoadRun(run);
  const title = `k6 load report — ${digest.verdict.passed ? 'PASS' : 'FAIL'}${run.info?.scenario ? ` — ${run.info.scenario}` : ''}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style></head><body><main>`,
    header(run, digest),
    baselineSection(run),
    thresholdsSection(run, digest),
    checksSection(digest),
    distributionsSection(run, digest),
    overTimeSection(run),
    serverSection(run),
    allMetricsSection(digest),
    '</main></body></html>',
    '',
  ].join('\n');
}
