/**
 * `load.md`: the load report for a GitHub step summary or a PR comment.
 * Pure and deterministic.
 */
import { digestLoadRun } from './digest.ts';
import { formatBytes, formatMs, formatNumber, formatPercent, formatStat } from './format.ts';
import type { LoadRun } from './model.ts';

/** Escapes text for a Markdown table cell (pipes, backticks, line breaks, HTML). */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/</g, '&lt;')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const safe = text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\|/g, '\\|');
  return safe.includes('`') ? `\`\` ${safe} \`\`` : `\`${safe}\``;
}

function table(headers: readonly string[], rows: readonly string[][], numeric: readonly boolean[] = []): string {
  const align = headers.map((_, index) => (numeric[index] ? '---:' : '---'));
  return [`| ${headers.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** Renders `load.md` for a run. */
export function renderLoadMarkdown(run: LoadRun): string {
  const digest = digestLoadRun(run);
  const { summary, info } = run;
  const out: string[] = [];
  out.push(`## ${digest.verdict.passed ? '✅ PASS' : '❌ FAIL'} — k6 load report${info?.scenario ? ` (${cell(info.scenario)}${info.profile ? `, ${cell(info.profile)}` : ''})` : ''}`);
  out.push('');
  const meta: string[] = [];
  if (info?.adapter) meta.push(`adapter ${code(info.adapter)}`);
  if (info?.baseUrl) meta.push(`target ${code(info.baseUrl)}`);
  if (summary.durationMs !== undefined) meta.push(`duration ${formatMs(summary.durationMs)}`);
  if (summary.k6Version) meta.push(`k6 ${summary.k6Version}`);
  if (info?.k6ExitCode !== undefined) meta.push(`k6 exit code ${info.k6ExitCode}`);
  meta.push(`source ${code(summary.file)} (${summary.kind})`);
  out.push(meta.join(' · '));
  if (info?.command) out.push('', `Reproduce: ${code(info.command)}`);
  for (const reason of digest.verdict.reasons) out.push('', `- ❌ ${cell(reason)}`);
  out.push('');
  out.push(table(digest.keyNumbers.map((n) => cell(n.label)), [digest.keyNumbers.map((n) => n.value)], digest.keyNumbers.map(() => true)));

  if (run.baseline) {
    out.push('', `### Against the baseline`, '', `baseline ${code(run.baseline.file)}, tolerance ${formatPercent(run.baseline.tolerance)}`, '');
    out.push(
      table(
        ['', 'metric', 'now', 'baseline', 'change', 'better when'],
        run.baseline.rows.map((row) => [
          row.regressed ? '❌ regressed' : '✅',
          code(row.key),
          formatNumber(row.current),
          formatNumber(row.baseline),
          Number.isFinite(row.change) ? `${row.change >= 0 ? '+' : ''}${(row.change * 100).toFixed(1)}%` : 'from 0',
          row.direction,
        ]),
        [false, false, true, true, true, false],
      ),
    );
  }

  out.push('', '### Thresholds', '');
  if (!summary.hasThresholds) {
    out.push(`This summary kind (${summary.kind}) records no thresholds.`);
  } else if (digest.thresholds.length === 0) {
    out.push('The script set no thresholds.');
  } else {
    const sorted = [...digest.thresholds].sort((a, b) => Number(a.ok) - Number(b.ok) || a.metric.localeCompare(b.metric));
    out.push(table(['', 'metric', 'threshold', 'observed'], sorted.map((row) => [row.ok ? '✅ pass' : '❌ fail', code(row.metric), code(row.expression), row.observed ? cell(row.observed) : '—'])));
  }

  out.push('', '### Checks', '');
  if (digest.checks.length === 0) out.push('No checks in this summary.');
  else {
    out.push(table(['', 'check', 'passes', 'fails', 'pass rate'], digest.checks.map((row) => [row.fails === 0 ? '✅' : '❌', cell(row.name), formatNumber(row.passes), formatNumber(row.fails), formatPercent(row.rate)]), [false, false, true, true, true]));
  }

  out.push('', '### Time to first byte and to last byte', '');
  const stats = ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'];
  out.push(
    table(
      ['metric', ...stats],
      digest.latency.map((metric) => [code(metric.name), ...stats.map((stat) => {
        const value = metric.values[stat];
        return value === undefined ? '—' : formatStat(metric.contains, metric.type, stat, value);
      })]),
      [false, ...stats.map(() => true)],
    ),
  );

  if (run.timeline && run.timeline.buckets.length > 0) {
    const buckets = run.timeline.buckets;
    const peak = Math.max(...buckets.map((b) => b.requests));
    out.push('', `Over time (from ${formatNumber(run.timeline.points)} points in ${code(run.timeline.file)}): ${buckets.length} s, peak ${formatNumber(peak)} requests/s; charts in load.html.`);
  }
  if (run.server && run.server.length > 0) {
    const samples = run.server;
    const last = samples[samples.length - 1]!;
    out.push('', '### Server', '');
    out.push(
      table(
        ['samples', 'peak rss', 'peak heapUsed', 'peak open streams', 'open at end', 'opened / completed / aborted / failed'],
        [[
          formatNumber(samples.length),
          formatBytes(Math.max(...samples.map((s) => s.memory.rss))),
          formatBytes(Math.max(...samples.map((s) => s.memory.heapUsed))),
          formatNumber(Math.max(...samples.map((s) => s.streams.open))),
          formatNumber(last.streams.open),
          `${last.streams.opened} / ${last.streams.completed} / ${last.streams.aborted} / ${last.streams.failed}`,
        ]],
        [true, true, true, true, true, false],
      ),
    );
  }
  out.push('');
  return out.join('\n');
}
