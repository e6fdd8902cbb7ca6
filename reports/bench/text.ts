/** The bench's terminal table: medians and ratios to raw, targets, suite time. A pure function. */
import { formatActual, formatFigureAndBound, formatRatio, formatSeconds, formatValue, SUBJECT_TITLES } from './format.ts';
import type { BenchReport } from './model.ts';

/** Renders `report` as fixed-width text for a terminal. */
export function renderBenchText(report: BenchReport): string {
  const header = ['metric (median of runs; ratio to raw in the same run)', 'api-floor', ...report.summary.map((s) => s.server)];
  const floor = report.apiFloor.sseEventsPerSecond;
  const rows = report.metrics.map((metric) => [
    `(${metric.scenario}) ${metric.label}, ${metric.unit}`,
    metric.id === 'sseEventsPerSecond' ? `${formatValue(floor.median, metric.unit)} (${formatRatio(floor.medianRatioToRaw)})` : '—',
    ...report.summary.map((s) => {
      const m = s.metrics[metric.id];
      return `${formatValue(m.median, metric.unit)} (${formatRatio(m.medianRatioToRaw)})`;
    }),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]): string => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  const out = [
    `streamconform bench — ${report.runs.length} alternating run(s), ${report.machine.node}, ${report.machine.cpus} cores; ${report.machine.pinning}`,
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    'api-floor: the generator the reference is given, drained, framed as SSE and joined in memory (no socket).',
    '',
    'targets (issue 14):',
  ];
  for (const subject of [...new Set(report.targets.map((t) => t.subject))]) {
    out.push(`  ${SUBJECT_TITLES[subject]}:`);
    for (const t of report.targets.filter((target) => target.subject === subject)) {
      out.push(`    ${t.met ? 'met    ' : 'NOT MET'}  ${t.description}: ${formatActual(t)}; ${formatFigureAndBound(t)}`);
    }
  }
  if (report.conformance.length > 0) {
    out.push('', 'conformance suite on the reference:');
    for (const run of report.conformance) {
      const summary = run.summary === undefined ? 'no report' : `${run.summary.pass} pass, ${run.summary.fail} fail, ${run.summary.skip} skip`;
      out.push(`  ${formatSeconds(run.durationMs)}, exit ${run.exitCode}, ${summary}: ${run.command}`);
    }
  }
  return `${out.join('\n')}\n`;
}
