/** `bench.md`: the bench's figures as Markdown. A pure function. */
import { formatActual, formatFigureAndBound, formatRatio, formatSeconds, formatValue, SUBJECT_TITLES } from './format.ts';
import type { BenchReport } from './model.ts';

const escapeCell = (text: string): string => text.replaceAll('|', '\\|');

/** Renders `report` as Markdown: the table of medians, the targets, the suite's time, every run. */
export function renderBenchMarkdown(report: BenchReport): string {
  const { machine, config } = report;
  const servers = report.summary;
  const floor = report.apiFloor.sseEventsPerSecond;
  const out: string[] = [
    '# streamconform bench',
    '',
    `${report.runs.length} alternating run(s) (${config.servers.join(', ')}, …), medians; ratios to raw node:http computed within each run, then the median taken. ` +
      `${machine.node} on ${machine.platform}, ${machine.cpus} cores (${machine.cpuModel}); ${machine.pinning}. ` +
      `Started ${report.startedAt}, took ${formatSeconds(report.durationMs)}. Regenerate with \`npm run bench\`.`,
    '',
    '| metric | API floor (generator drained, framed, joined in memory; no socket) | ' + servers.map((s) => escapeCell(s.label)).join(' | ') + ' |',
    '|---|---:|' + servers.map(() => '---:').join('|') + '|',
    ...report.metrics.map(
      (metric) =>
        `| (${metric.scenario}) ${escapeCell(metric.label)}, ${metric.unit} | ` +
        (metric.id === 'sseEventsPerSecond' ? `${formatValue(floor.median, metric.unit)} (${formatRatio(floor.medianRatioToRaw)})` : '—') +
        ' | ' +
        servers.map((s) => `${formatValue(s.metrics[metric.id].median, metric.unit)} (${formatRatio(s.metrics[metric.id].medianRatioToRaw)})`).join(' | ') +
        ' |',
    ),
    '',
    '## Targets (issue 14)',
    '',
    '| path | target | actual | figure (bound) | met |',
    '|---|---|---:|---:|:---:|',
    ...report.targets.map((t) => `| ${SUBJECT_TITLES[t.subject]} | ${escapeCell(t.description)} | ${formatActual(t)} | ${formatFigureAndBound(t)} | ${t.met ? 'yes' : '**no**'} |`),
  ];
  if (report.conformance.length > 0) {
    out.push('', '## The conformance suite’s own time', '', '| command | seed | wall time | exit | verdicts |', '|---|---:|---:|---:|---|');
    for (const run of report.conformance) {
      const summary = run.summary === undefined ? 'no report' : `${run.summary.pass} pass, ${run.summary.fail} fail, ${run.summary.skip} skip`;
      const failed = run.failed.length > 0 ? ` (failed: ${run.failed.join(', ')})` : '';
      out.push(`| \`${run.command}\` | ${run.seed} | ${formatSeconds(run.durationMs)} | ${run.exitCode} | ${summary}${failed} |`);
    }
  }
  out.push('', '## Every run', '', '| run | server | ' + report.metrics.map((m) => `${m.id} (${m.unit})`).join(' | ') + ' |');
  out.push('|---|---|' + report.metrics.map(() => '---:').join('|') + '|');
  for (const run of report.runs) {
    out.push(`| ${run.index + 1} | api-floor | ` + report.metrics.map((m) => (m.id === 'sseEventsPerSecond' ? formatValue(run.apiFloor.sseEventsPerSecond, m.unit) : '—')).join(' | ') + ' |');
    for (const server of run.order) {
      const values = run.values[server];
      if (values === undefined) continue;
      out.push(`| ${run.index + 1} | ${server} | ` + report.metrics.map((m) => formatValue(values[m.id], m.unit)).join(' | ') + ' |');
    }
  }
  out.push(
    '',
    `Sizes: (a) ${config.sse.events} × ${config.sse.eventBytes} B events and ${config.bytes.chunks} × ${config.bytes.chunkBytes} B chunks on one connection; ` +
      `(b) ${config.concurrent.connections} connections × ${config.concurrent.events} × ${config.concurrent.eventBytes} B events; ` +
      `(c) ${config.idle.streams} idle streams (after a warm-up of as many); 64 KiB chunks: ${config.bytes.rounds} interleaved rounds; (d) ${config.slowReader.durationMs} ms at ${config.slowReader.bytesPerSecond} B/s, ${config.slowReader.eventBytes} B events. ` +
      'How it is measured: `load/bench/README.md`.',
    '',
  );
  return out.join('\n');
}
