/**
 * `report.md`: fit for a GitHub step summary or a PR comment. A headline
 * verdict with counts, the requirement × adapter matrix, then one
 * `<details>` per failure with the message, shrunk input, bytes sent
 * (CR/LF visible), client view, transcript and the replay command.
 *
 * Stays under {@link MARKDOWN_MAX_CHARS} (GitHub rejects longer comments):
 * long sections are cut with a note, and failures that no longer fit are
 * counted in a closing note that points to `report.html`.
 */
import { failures, matrixRows, type FailureEntry } from './matrix.ts';
import type { ConformanceReport, RequirementResult, Verdict } from './model.ts';
import { failureSections } from './failure-details.ts';
import { isBlocking, tally, usesExpectations, type Tally } from './outcome.ts';
import { formatDuration, truncate, visible } from './text.ts';

/** GitHub's limit for an issue or PR comment is 65,536 characters; we keep a margin. */
export const MARKDOWN_MAX_CHARS = 65_000;

/** Longest text of one section of a failure before it is cut. */
const SECTION_MAX_CHARS = 4_000;

/** Room kept for the closing note about failures left out. */
const CLOSING_RESERVE = 600;

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

function cellText(result: RequirementResult | undefined): string {
  if (result === undefined) return '—';
  let text = VERDICT_MARK[result.verdict];
  if (result.expectation === 'unexpected-fail') text += ' **unexpected**';
  else if (result.expectation === 'unexpected-pass') text += ' **unexpected pass**';
  else if (result.expectation === 'expected' && result.status === 'fail') text += ' *expected*';
  return text;
}

function countsLine(counts: Tally, report: ConformanceReport, expect: boolean): string {
  const parts = [`✅ ${counts.ok} ok`, `❌ ${counts.failed} failed`, `⚠️ ${counts.nonStrict} non-strict`, `⏭ ${counts.skipped} skipped`];
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
  if (report.expectationWarnings !== undefined && report.expectationWarnings.length > 0) {
    lines.push('', '**Expectation file warnings:**', '', ...report.expectationWarnings.map((warning) => `- ${markdownInline(warning)}`));
  }
  return lines;
}

function matrix(report: ConformanceReport): string[] {
  const header = `| Requirement | Level | ${report.adapters.map((adapter) => markdownInline(adapter.name)).join(' | ')} |`;
  const align = `| --- | :-: | ${report.adapters.map(() => ':-:').join(' | ')} |`;
  const rows = matrixRows(report).map(
    (row) => `| ${idText(row.id)} ${markdownInline(row.title)} | ${row.level} | ${row.cells.map(cellText).join(' | ')} |`,
  );
  const summary = `| **Summary** | | ${report.adapters
    .map(({ summary }) => `${summary.pass} pass · ${summary.fail} fail · ${summary.skip} skip`)
    .join(' | ')} |`;
  return [header, align, ...rows, summary];
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
  const summary = `${mark}${htmlInline(expectation)} <code>${htmlInline(result.id)}</code> ${htmlInline(result.title)} — <b>${htmlInline(adapter.name)}</b>${blocking}`;
  const sections = failureSections(result).map((section) =>
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
        lines.push(`- ${idText(result.id)} ${markdownInline(result.title)} — **${markdownInline(adapter.name)}**`);
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
  const head = [...headline(report, counts, rows.length), '', ...matrix(report), ...unexpectedPasses(report)].join('\n');
  const failed = failures(report);
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
