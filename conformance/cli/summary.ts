/**
 * The table printed at the end of `streamconform run`: counts per
 * implementation, then "fix these first" (failures grouped by shared
 * root), the failures with their replay lines, the blocked results with
 * their blockers, the harness errors (please report), and the run's verdict.
 */
import { columnOf } from '../../reports/conformance/columns.ts';
import type { AdapterReport, ConformanceReport } from '../../reports/conformance/model.ts';
import { tally, isBlocking } from '../../reports/conformance/outcome.ts';
import { firstStackFrame, fixFirst, HARNESS_ERROR_NOTE, rootCauseText } from '../../reports/conformance/fix-first.ts';
import { visible } from '../../reports/conformance/text.ts';

/** Roots listed per adapter, and ids per root, before "and N more". */
const ROOTS_SHOWN = 10;
const IDS_SHOWN = 12;

const COLUMNS: [string, number][] = [
  ['ok', 5],
  ['failed', 8],
  ['non-strict', 12],
  ['skipped', 9],
  ['blocked', 9],
  ['unimpl', 8],
  ['harness-err', 13],
];

export function renderSummary(report: ConformanceReport): string {
  const lines: string[] = ['', 'implementation'.padEnd(28) + COLUMNS.map(([name, width]) => name.padStart(width)).join('') + '  verdict'];
  for (const adapter of report.adapters) {
    const counts = tally(adapter.requirements, report.level);
    const verdict = counts.blocking > 0 ? 'FAIL' : counts.harnessErrors > 0 ? 'PASS (not all judged)' : 'PASS';
    const values = [counts.ok, counts.failed, counts.nonStrict, counts.skipped, counts.blocked, counts.unimplemented, counts.harnessErrors];
    lines.push(columnOf(adapter).slice(0, 27).padEnd(28) + values.map((value, index) => String(value).padStart(COLUMNS[index]![1])).join('') + `  ${verdict}`);
  }
  lines.push('');
  for (const adapter of report.adapters) lines.push(...fixFirstLines(adapter, report.adapters.length > 1));
  for (const adapter of report.adapters) {
    for (const result of adapter.requirements) {
      if (result.status !== 'fail') continue;
      const blocking = isBlocking(result, report.level) ? '' : ' (does not fail this run)';
      const expectation = result.expectation ? ` [${result.expectation}]` : '';
      lines.push(`${columnOf(adapter)} ${result.id} ${result.level} ${result.title}${expectation}${blocking}`);
      if (result.message) lines.push(`  ${visible(result.message.split('\n')[0]!)}`);
      if (result.counterexample) {
        lines.push(`  seed ${result.counterexample.seed}${result.counterexample.path ? `, path ${result.counterexample.path}` : ''}; input ${truncate(result.counterexample.input, 160)}`);
        lines.push(`  replay: ${result.counterexample.replay}`);
      }
    }
  }
  lines.push(...blockedLines(report), ...harnessErrorLines(report), ...noteLines(report));
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push(`${report.passed ? 'PASS' : 'FAIL'} at level ${report.level} in ${seconds} s (seed ${report.seed}, ${report.runs} runs per property)`);
  if (!report.passed) lines.push(`replay the whole run: ${report.command}`);
  return lines.join('\n') + '\n';
}

/** "fix these first": the adapter's roots, most failures first, with the ids each explains (and unblocks). */
function fixFirstLines(adapter: AdapterReport, named: boolean): string[] {
  const entries = fixFirst(adapter);
  if (entries.length === 0) return [];
  const lines = [`fix these first${named ? ` (${columnOf(adapter)})` : ''}:`];
  entries.slice(0, ROOTS_SHOWN).forEach((entry, index) => {
    const unblocks = entry.blocks.length === 0 ? '' : `; unblocks ${ids(entry.blocks)}`;
    lines.push(`  ${index + 1}. ${visible(truncate(rootCauseText(entry), 160))}`);
    lines.push(`     ${entry.requirements.length} failure${entry.requirements.length === 1 ? '' : 's'}: ${ids(entry.requirements)}${unblocks}`);
  });
  if (entries.length > ROOTS_SHOWN) lines.push(`  … and ${entries.length - ROOTS_SHOWN} more (report.md, report.html)`);
  lines.push('');
  return lines;
}

/** Blocked results, one line each, with what blocks them. */
function blockedLines(report: ConformanceReport): string[] {
  const lines: string[] = [];
  for (const adapter of report.adapters) {
    for (const result of adapter.requirements) {
      if (result.verdict !== 'blocked') continue;
      lines.push(`${columnOf(adapter)} ${result.id} BLOCKED by ${(result.blockedBy ?? []).join(', ') || '?'}: ${result.title} (judged once its blocker passes)`);
    }
  }
  return lines.length === 0 ? [] : ['', ...lines];
}

/** Harness errors: the suite's own bugs, each with a "please report" and the first stack line. */
function harnessErrorLines(report: ConformanceReport): string[] {
  const lines: string[] = [];
  for (const adapter of report.adapters) {
    for (const result of adapter.requirements) {
      if (result.verdict !== 'harness-error') continue;
      lines.push(`${columnOf(adapter)} ${result.id} HARNESS ERROR ${result.title}`);
      lines.push(`  ${HARNESS_ERROR_NOTE}`);
      // The suite's own error (its stack's first line), else the message.
      const error = (result.harnessStack ?? result.message)?.split('\n')[0];
      if (error) lines.push(`  ${visible(truncate(error, 300))}`);
      const frame = firstStackFrame(result.harnessStack);
      if (frame !== undefined) lines.push(`  ${visible(frame)}`);
    }
  }
  return lines.length === 0 ? [] : ['', ...lines, ''];
}

function ids(list: readonly string[]): string {
  const shown = list.slice(0, IDS_SHOWN).join(', ');
  return list.length > IDS_SHOWN ? `${shown} and ${list.length - IDS_SHOWN} more` : shown;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/** How results were judged in their runtime (spec §2.16): one line per note, not verdicts. */
function noteLines(report: ConformanceReport): string[] {
  const lines: string[] = [];
  for (const adapter of report.adapters) {
    for (const result of adapter.requirements) {
      for (const note of result.notes ?? []) lines.push(`${columnOf(adapter)} ${result.id} note: ${visible(note)}`);
    }
  }
  return lines.length === 0 ? [] : ['', ...lines];
}
