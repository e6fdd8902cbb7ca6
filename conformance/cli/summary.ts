/** The table printed at the end of `streamconform run`, with replay lines for failures. */
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { tally, isBlocking } from '../../reports/conformance/outcome.ts';

export function renderSummary(report: ConformanceReport): string {
  const lines: string[] = ['', 'implementation'.padEnd(28) + 'ok'.padStart(5) + 'failed'.padStart(8) + 'non-strict'.padStart(12) + 'skipped'.padStart(9) + '  verdict'];
  for (const adapter of report.adapters) {
    const counts = tally(adapter.requirements, report.level);
    const verdict = counts.blocking === 0 ? 'PASS' : 'FAIL';
    lines.push(
      adapter.name.slice(0, 27).padEnd(28) +
        String(counts.ok).padStart(5) +
        String(counts.failed).padStart(8) +
        String(counts.nonStrict).padStart(12) +
        String(counts.skipped).padStart(9) +
        `  ${verdict}`,
    );
  }
  lines.push('');
  for (const adapter of report.adapters) {
    for (const result of adapter.requirements) {
      if (result.status !== 'fail') continue;
      const blocking = isBlocking(result, report.level) ? '' : ' (does not fail this run)';
      const expectation = result.expectation ? ` [${result.expectation}]` : '';
      lines.push(`${adapter.name} ${result.id} ${result.level} ${result.title}${expectation}${blocking}`);
      if (result.message) lines.push(`  ${result.message.split('\n')[0]}`);
      if (result.counterexample) {
        lines.push(`  seed ${result.counterexample.seed}${result.counterexample.path ? `, path ${result.counterexample.path}` : ''}; input ${truncate(result.counterexample.input, 160)}`);
        lines.push(`  replay: ${result.counterexample.replay}`);
      }
    }
  }
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push(`${report.passed ? 'PASS' : 'FAIL'} at level ${report.level} in ${seconds} s (seed ${report.seed}, ${report.runs} runs per property)`);
  if (!report.passed) lines.push(`replay the whole run: ${report.command}`);
  return lines.join('\n') + '\n';
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}
