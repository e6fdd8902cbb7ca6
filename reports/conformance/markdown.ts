/**
 * `report.md`: fit for a GitHub step summary or a PR comment. A headline
 * verdict with counts, "fix these first" (failures grouped by shared root),
 * the requirement × adapter matrix (failures first), a short list of the
 * results not judged (blocked, harness errors, unimplemented), then one
 * `<details>` per failure with the message, root cause, shrunk input, bytes
 * sent (CR/LF visible), client view, transcript and the replay command.
 *
 * Stays under {@link MARKDOWN_MAX_CHARS} (GitHub rejects longer comments):
 * long sections are cut with a note, and failures that no longer fit are
 * counted in a closing note that points to `report.html`.
 */
import { columnOf } from './columns.ts';
import { detailEntries, matrixRows, rowsByVerdict, type FailureEntry } from './matrix.ts';
import type { AdapterReport, ConformanceReport, RequirementResult, Verdict } from './model.ts';
import { failureSections } from './failure-details.ts';
import { firstStackFrame, fixFirst, groupOf, isFailureVerdict, isNotJudgedVerdict, rootCauseText, strayErrorsNote, VERDICT_RANK } from './fix-first.ts';
import { isBlocking, tally, usesExpectations, type Tally } from './outcome.ts';
import { formatDuration, truncate, visible } from './text.ts';

/** GitHub's limit for an issue or PR comment is 65,536 characters; we keep a margin. */
export const MARKDOWN_MAX_CHARS = 65_000;

/** Longest text of one section of a failure before it is cut. */
const SECTION_MAX_CHARS = 4_000;

/** Room kept for the closing note about failures left out. */
const CLOSING_RESERVE = 600;

/** "Fix these first": roots shown per adapter, and ids shown per root. */
const ROOTS_SHOWN = 10;
const IDS_SHOWN = 25;

/** The list of results not judged: entries shown, and the longest message shown. */
const NOT_JUDGED_SHOWN = 20;
const MESSAGE_MAX_CHARS = 160;

const VERDICT_MARK: Record<Verdict, string> = {
  ok: '✅ ok',
  failed: '❌ failed',
  'non-strict': '⚠️ non-strict',
  skipped: '⏭ skipped',
  blocked: '⛔ blocked',
  unimplemented: '➖ unimplemented',
  'harness-error': '🐞 harness error',
};

/** Inline Markdown text (table cells, headings): one line, Markdown and HTML syntax escaped, `|` too. */
export function markdownInline(text: string): string {
  return visible(text)
    .replace(/[\\`*_[\]|~#!]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Text inside raw HTML (`<summary>`): one line, HTML-escaped. */
function htmlInline(text: string): string {
  return visible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A fenced code block that cannot be closed early by its content: the fence
 * is one backtick longer than the longest run of backticks inside.
 */
export function markdownCodeBlock(text: string, language = ''): string {
  const body = visible(text, { multiline: true });
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/** An id as a code span when it is plain (`SSE-004`), escaped text otherwise. */
function idText(id: string): string {
  return /^[A-Za-z0-9_-]+$/.test(id) ? `\`${id}\`` : markdownInline(id);
}

/** Ids as code spans, at most `max`, then how many more. */
function idList(ids: readonly string[], max = IDS_SHOWN): string {
  const shown = ids.slice(0, max).map(idText).join(', ');
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown;
}

function cellText(result: RequirementResult | undefined): string {
  if (result === undefined) return '—';
  let text = VERDICT_MARK[result.verdict];
  if (result.verdict === 'blocked' && result.blockedBy !== undefined && result.blockedBy.length > 0) text += ` by ${idList(result.blockedBy, 3)}`;
  if (result.verdict === 'unimplemented' && result.capability !== undefined) text += ` (${markdownInline(result.capability)})`;
  if (result.expectation === 'unexpected-fail') text += ' **unexpected**';
  else if (result.expectation === 'unexpected-pass') text += ' **unexpected pass**';
  else if (result.expectation === 'expected' && result.status === 'fail') text += ' *expected*';
  if (result.strayErrors !== undefined && result.strayErrors.length > 0) text += ' ⚡ stray';
  return text;
}

function countsLine(counts: Tally, report: ConformanceReport, expect: boolean): string {
  const parts = [`✅ ${counts.ok} ok`, `❌ ${counts.failed} failed`, `⚠️ ${counts.nonStrict} non-strict`];
  if (counts.blocked > 0) parts.push(`⛔ ${counts.blocked} blocked`);
  if (counts.harnessErrors > 0) parts.push(`🐞 ${counts.harnessErrors} harness error${counts.harnessErrors === 1 ? '' : 's'}`);
  if (counts.unimplemented > 0) parts.push(`➖ ${counts.unimplemented} unimplemented`);
  parts.push(`⏭ ${counts.skipped} skipped`);
  if (expect) {
    const blocking = counts.unexpected === counts.blocking ? '' : ` (${counts.blocking} at level \`${report.level}\`)`;
    parts.push(`❗ ${counts.unexpected} unexpected${blocking}`, `${counts.expectedFailures} expected failure${counts.expectedFailures === 1 ? '' : 's'}`);
  }
  return parts.join(' · ');
}

function headline(report: ConformanceReport, counts: Tally, requirementCount: number): string[] {
  const expect = usesExpectations(report);
  const verdict = report.passed ? '✅ streamconform: PASSED' : '❌ streamconform: FAILED';
  const gate = expect ? ' (unexpected results only, `--expect`)' : '';
  const adapters = `${report.adapters.length} adapter${report.adapters.length === 1 ? '' : 's'}`;
  const lines = [
    `## ${verdict} at level \`${report.level}\`${gate}`,
    '',
    `**${adapters} × ${requirementCount} requirements** — ${countsLine(counts, report, expect)}`,
    '',
    `${markdownInline(report.tool)} ${markdownInline(report.version)} · seed \`${report.seed}\` · ${report.runs} runs per property · started ${markdownInline(report.startedAt)} · took ${formatDuration(report.durationMs)}`,
    '',
    'Replay the run:',
    '',
    markdownCodeBlock(report.command, 'sh'),
  ];
  if (counts.harnessErrors > 0) {
    lines.push(
      '',
      `> **🐞 streamconform itself broke on ${counts.harnessErrors} requirement${counts.harnessErrors === 1 ? '' : 's'}** (harness error): not a verdict on the implementation, but not everything was judged${report.passed ? ' (the CLI exits 3)' : ''}. Please report it with the command above.`,
    );
  }
  if (report.expectationWarnings !== undefined && report.expectationWarnings.length > 0) {
    lines.push('', '**Expectation file warnings:**', '', ...report.expectationWarnings.map((warning) => `- ${markdownInline(warning)}`));
  }
  return lines;
}

function matrix(report: ConformanceReport): string[] {
  const header = `| Requirement | Level | ${report.adapters.map((adapter) => markdownInline(columnOf(adapter))).join(' | ')} |`;
  const align = `| --- | :-: | ${report.adapters.map(() => ':-:').join(' | ')} |`;
  const rows = rowsByVerdict(matrixRows(report)).map(
    (row) => `| ${idText(row.id)} ${markdownInline(row.title)} | ${row.level} | ${row.cells.map(cellText).join(' | ')} |`,
  );
  const summary = `| **Summary** | | ${report.adapters.map(({ summary }) => summaryText(summary)).join(' | ')} |`;
  return [header, align, ...rows, summary];
}

function summaryText(summary: AdapterReport['summary']): string {
  const parts = [`${summary.pass} pass`, `${summary.fail} fail`, `${summary.skip} skip`];
  if (summary.blocked > 0) parts.push(`${summary.blocked} blocked`);
  if (summary.harnessError > 0) parts.push(`${summary.harnessError} harness error${summary.harnessError === 1 ? '' : 's'}`);
  if (summary.unimplemented > 0) parts.push(`${summary.unimplemented} unimplemented`);
  return parts.join(' · ');
}

/** "Fix these first": per adapter, the roots shared by most failures first, with the requirements each explains. */
function fixFirstSection(report: ConformanceReport): string[] {
  const lines: string[] = [];
  for (const adapter of report.adapters) {
    const entries = fixFirst(adapter);
    if (entries.length === 0) continue;
    if (report.adapters.length > 1) lines.push('', `**${markdownInline(columnOf(adapter))}**`);
    lines.push('');
    entries.slice(0, ROOTS_SHOWN).forEach((entry, index) => {
      const count = `${entry.requirements.length} failure${entry.requirements.length === 1 ? '' : 's'}`;
      const unblocks = entry.blocks.length === 0 ? '' : `; also unblocks ${idList(entry.blocks)}`;
      lines.push(`${index + 1}. **${markdownInline(rootCauseText(entry))}** — ${count}: ${idList(entry.requirements)}${unblocks}`);
    });
    if (entries.length > ROOTS_SHOWN) lines.push('', `*${entries.length - ROOTS_SHOWN} more root${entries.length - ROOTS_SHOWN === 1 ? '' : 's'} in report.html and conformance.json.*`);
  }
  if (lines.length === 0) return [];
  return ['', '### Fix these first', '', 'Failures grouped by what they come down to (the call that misbehaved, and how), most requirements first:', ...lines];
}

/** One line per result not judged: blocked (by what), harness error (please report), unimplemented (which capability). */
function notJudgedSection(report: ConformanceReport): string[] {
  const entries = report.adapters
    .flatMap((adapter) => adapter.requirements.filter((result) => isNotJudgedVerdict(result.verdict)).map((result) => ({ adapter, result })))
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => VERDICT_RANK[a.result.verdict] - VERDICT_RANK[b.result.verdict] || a.index - b.index);
  if (entries.length === 0) return [];
  const lines = entries.slice(0, NOT_JUDGED_SHOWN).map(({ adapter, result }) => {
    const where = report.adapters.length > 1 ? ` (**${markdownInline(columnOf(adapter))}**)` : '';
    // A harness error's own first stack line names the error; the message around it is the runner's boilerplate.
    const text = result.verdict === 'harness-error' && result.harnessStack !== undefined ? result.harnessStack : result.message;
    const message = text === undefined ? '' : `: ${markdownInline(cutText(text.split('\n')[0]!, MESSAGE_MAX_CHARS))}`;
    let why = '';
    if (result.verdict === 'blocked') why = ` — by ${idList(result.blockedBy ?? [], 5)}`;
    else if (result.verdict === 'unimplemented') why = ` — capability ${markdownInline(cutText(result.capability ?? '(unnamed)', 60))}`;
    const frame = result.verdict === 'harness-error' ? firstStackFrame(result.harnessStack) : undefined;
    const at = frame === undefined ? '' : ` (${markdownInline(cutText(frame, 120))})`;
    return `- ${VERDICT_MARK[result.verdict]} ${idText(result.id)} ${markdownInline(cutText(result.title, 100))}${where}${why}${message}${at}`;
  });
  if (entries.length > NOT_JUDGED_SHOWN) lines.push(`- *${entries.length - NOT_JUDGED_SHOWN} more in report.html and conformance.json.*`);
  return [
    '',
    `### Not judged (${entries.length})`,
    '',
    'Not verdicts on the implementation: a blocked check is judged once the requirement blocking it passes; a harness error is a bug in streamconform (please report it with the command above); an unimplemented capability is optional and never fails the run.',
    '',
    ...lines,
  ];
}

/** Notes on how results were judged (a runtime's own server, a client that cannot work in a runtime: spec §2.16). */
function notesSection(report: ConformanceReport): string[] {
  const lines = report.adapters.flatMap((adapter) =>
    adapter.requirements.flatMap((result) =>
      (result.notes ?? []).map((note) => `- ${idText(result.id)} — **${markdownInline(columnOf(adapter))}**: ${markdownInline(cutText(note, MESSAGE_MAX_CHARS * 2))}`),
    ),
  );
  if (lines.length === 0) return [];
  return ['', `### Notes (${lines.length})`, '', 'How these results were judged in their runtime (not verdicts):', '', ...lines];
}

/** Plain text cut to `max` characters, with `…` when cut (before any escaping). */
function cutText(text: string, max: number): string {
  const cut = truncate(text, max);
  return cut.omitted === 0 ? text : `${cut.text}…`;
}

function sectionBlock(label: string, text: string, language: string): string {
  const cut = truncate(text, SECTION_MAX_CHARS);
  const note = cut.omitted === 0 ? '' : `\n\n*… ${cut.omitted} more characters cut; see report.html or conformance.json.*`;
  return `**${markdownInline(label)}**\n\n${markdownCodeBlock(cut.text, language)}${note}`;
}

function failureBlock(entry: FailureEntry, report: ConformanceReport): string {
  const { result, adapter } = entry;
  const mark = VERDICT_MARK[result.verdict];
  const expectation =
    result.expectation === 'unexpected-fail' ? ' (unexpected)' : result.expectation === 'expected' ? ' (expected)' : '';
  const blocking = isBlocking(result, report.level) ? '' : ' — does not fail this run';
  const stray = strayErrorsNote(result) === undefined ? '' : ' ⚡ stray errors';
  const summary = `${mark}${htmlInline(expectation)} <code>${htmlInline(result.id)}</code> ${htmlInline(result.title)} — <b>${htmlInline(columnOf(adapter))}</b>${blocking}${stray}`;
  const sections = failureSections(result, groupOf(adapter, result)).map((section) =>
    sectionBlock(section.label, section.text, section.kind === 'replay' ? 'sh' : 'text'),
  );
  if (sections.length === 0) sections.push('*No message or counterexample was recorded.*');
  return [`<details><summary>${summary}</summary>`, '', ...sections.flatMap((block) => [block, '']), '</details>'].join('\n');
}

function unexpectedPasses(report: ConformanceReport): string[] {
  const lines: string[] = [];
  for (const adapter of report.adapters) {
    for (const result of adapter.requirements) {
      if (result.expectation === 'unexpected-pass') {
        lines.push(`- ${idText(result.id)} ${markdownInline(result.title)} — **${markdownInline(columnOf(adapter))}**`);
      }
    }
  }
  if (lines.length === 0) return [];
  return ['', '### Unexpected passes', '', 'Listed as failing in the expectation file, but passed: remove them from the file (or re-record with `--write-expect`).', '', ...lines];
}

/**
 * Renders `report.md`. Pure and deterministic; never longer than
 * {@link MARKDOWN_MAX_CHARS} characters.
 */
export function renderMarkdown(report: ConformanceReport): string {
  const rows = matrixRows(report);
  const counts = tally(report.adapters.flatMap((adapter) => adapter.requirements), report.level);
  const head = [...headline(report, counts, rows.length), ...fixFirstSection(report), '', ...matrix(report), ...unexpectedPasses(report), ...notJudgedSection(report), ...notesSection(report)].join('\n');
  const failed = detailEntries(report).filter((entry) => isFailureVerdict(entry.result.verdict));
  if (failed.length === 0) return fitToLimit(`${head}\n`);

  let out = `${head}\n\n### Failures (${failed.length})\n`;
  let shown = 0;
  for (const entry of failed) {
    const block = `\n${failureBlock(entry, report)}\n`;
    if (out.length + block.length > MARKDOWN_MAX_CHARS - CLOSING_RESERVE) break;
    out += block;
    shown++;
  }
  if (shown < failed.length) {
    out += `\n*${failed.length - shown} more failure${failed.length - shown === 1 ? '' : 's'} not shown, to stay under GitHub's ${MARKDOWN_MAX_CHARS.toLocaleString('en-US')}-character limit; every failure is in report.html and conformance.json.*\n`;
  }
  return fitToLimit(out);
}

/** Last resort for a matrix alone too large: cut at a line end, with a note. */
function fitToLimit(markdown: string): string {
  if (markdown.length <= MARKDOWN_MAX_CHARS) return markdown;
  const note = `\n\n*Report cut at ${MARKDOWN_MAX_CHARS.toLocaleString('en-US')} characters; the whole report is in report.html and conformance.json.*\n`;
  const cut = truncate(markdown, MARKDOWN_MAX_CHARS - note.length).text;
  const lineEnd = cut.lastIndexOf('\n');
  return `${lineEnd > 0 ? cut.slice(0, lineEnd) : cut}${note}`;
}
