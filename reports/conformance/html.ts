/**
 * `report.html`: one self-contained page (inline CSS and JS, no external
 * URL), laid out as Autobahn|Testsuite's report: a header with the run's
 * facts and replay command, "fix these first" (failures grouped by shared
 * root, most requirements first), a requirement × implementation matrix of
 * graded verdicts with a legend (failures first), and one `<details>` per
 * failure with the message, the shrunk input, the bytes sent (CR/LF
 * visible), how a WHATWG client reads them and, for wire checks, the
 * transcript; then one per result not judged (blocked, harness error,
 * unimplemented) with its reason. Works with JavaScript disabled; the
 * script only adds filtering by area and status.
 *
 * @see README "Reading a report" (graded verdicts, replayable failures)
 */
import { columnOf } from './columns.ts';
import { REPORT_CSS, REPORT_JS } from './html-assets.ts';
import { areaOfId, detailEntries, failureAnchor, matrixRows, rowsByVerdict, type FailureEntry, type MatrixRow } from './matrix.ts';
import type { AdapterReport, ConformanceReport, RequirementResult, TranscriptChunk, Verdict } from './model.ts';
import { failureSections, formatAtMs, type FailureSection } from './failure-details.ts';
import { fixFirst, groupOf, isFailureVerdict, isNotJudgedVerdict, notJudgedReason, rootCauseText, strayErrorsNote } from './fix-first.ts';
import { isBlocking, tally, usesExpectations, VERDICT_LABEL } from './outcome.ts';
import { breakAfterEscapedNewlines, formatDuration, visible } from './text.ts';

/** HTML text or attribute value: invisible characters made visible, then `& < > " '` escaped. */
export function escapeHtml(text: string, multiline = false): string {
  return visible(text, { multiline })
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped bytes, HTML-escaped, with each `\r`, `\n`, `\xNN`, `\u{…}` escape highlighted. */
function bytesHtml(escaped: string): string {
  return escapeHtml(escaped, true).replace(/\\(?:[rnt0\\]|x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\})/g, (escape) => `<span class="esc">${escape}</span>`);
}

function verdictClass(result: RequirementResult | undefined): string {
  return result === undefined ? 'v-none' : `v-${result.verdict}`;
}

function expectationMark(result: RequirementResult): string {
  if (result.expectation === 'unexpected-fail') return ' <span class="mark unexpected">unexpected</span>';
  if (result.expectation === 'unexpected-pass') return ' <span class="mark unexpected">unexpected pass</span>';
  if (result.expectation === 'expected' && result.status === 'fail') return ' <span class="mark expected">expected</span>';
  return '';
}

/** Space-separated verdicts (plus `unexpected`) for the filter script. */
function verdictTokens(results: readonly (RequirementResult | undefined)[]): string {
  const tokens = new Set<string>();
  for (const result of results) {
    if (result === undefined) continue;
    tokens.add(result.verdict);
    if (result.expectation === 'unexpected-fail' || result.expectation === 'unexpected-pass') tokens.add('unexpected');
  }
  return [...tokens].sort().join(' ');
}

function headerHtml(report: ConformanceReport): string {
  const results = report.adapters.flatMap((adapter) => adapter.requirements);
  const counts = tally(results, report.level);
  const expect = usesExpectations(report);
  const verdict = `${report.passed ? 'PASSED' : 'FAILED'} at level ${report.level}${expect ? ' (unexpected results only, --expect)' : ''}`;
  const facts: [string, string][] = [
    ['tool', `${report.tool} ${report.version}`],
    ['seed', String(report.seed)],
    ['runs', `${report.runs} per property`],
    ['level', report.level],
    ['started', report.startedAt],
    ['duration', formatDuration(report.durationMs)],
    ['adapters', String(report.adapters.length)],
  ];
  const countItems = [
    `<li class="v-ok">OK ${counts.ok}</li>`,
    `<li class="v-failed">FAILED ${counts.failed}</li>`,
    `<li class="v-non-strict">NON-STRICT ${counts.nonStrict}</li>`,
  ];
  if (counts.blocked > 0) countItems.push(`<li class="v-blocked">BLOCKED ${counts.blocked}</li>`);
  if (counts.harnessErrors > 0) countItems.push(`<li class="v-harness-error">HARNESS ERROR ${counts.harnessErrors}</li>`);
  if (counts.unimplemented > 0) countItems.push(`<li class="v-unimplemented">UNIMPLEMENTED ${counts.unimplemented}</li>`);
  countItems.push(`<li class="v-skipped">SKIPPED ${counts.skipped}</li>`);
  if (expect) {
    countItems.push(`<li class="unexpected-count">UNEXPECTED ${counts.unexpected}</li>`, `<li class="v-none">expected failures ${counts.expectedFailures}</li>`);
  }
  const lines = [
    `<header class="run ${report.passed ? 'passed' : 'failed'}">`,
    '<h1>streamconform conformance report</h1>',
    `<p class="verdict">${escapeHtml(verdict)}</p>`,
    ...(counts.harnessErrors > 0
      ? [`<p class="harness-note">streamconform itself broke on ${counts.harnessErrors} requirement${counts.harnessErrors === 1 ? '' : 's'} (HARNESS ERROR): not a verdict on the implementation, but not everything was judged${report.passed ? ' (the CLI exits 3)' : ''}. Please report it with the replay command below.</p>`]
      : []),
    `<dl class="facts">${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`,
    `<p class="replay">Replay the run: <code>${escapeHtml(report.command)}</code></p>`,
    `<ul class="counts">${countItems.join('')}</ul>`,
    '</header>',
  ];
  return lines.join('\n');
}

function warningsHtml(report: ConformanceReport): string {
  const warnings = report.expectationWarnings ?? [];
  if (warnings.length === 0) return '';
  return `<section class="warnings"><h2>Expectation file warnings</h2><ul>${warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join('')}</ul></section>`;
}

/** The verdicts the status filter offers, failures first. */
const FILTER_VERDICTS: readonly Verdict[] = ['failed', 'non-strict', 'blocked', 'harness-error', 'unimplemented', 'ok', 'skipped'];

/** What each verdict means, for the legend under the matrix. */
const LEGEND: readonly [Verdict, string][] = [
  ['ok', 'passed'],
  ['failed', 'a MUST failed'],
  ['non-strict', 'a SHOULD failed (fails the run only at --level should)'],
  ['blocked', 'not judged: another requirement failed first and kept this check from judging (fix that one)'],
  ['harness-error', 'not judged: streamconform itself broke (a bug to report, not a verdict on the implementation)'],
  ['unimplemented', 'an optional capability the implementation does not have (never fails the run)'],
  ['skipped', 'not run (--only, or its profile not enabled)'],
];

function legendHtml(): string {
  const items = LEGEND.map(([verdict, meaning]) => `<li><span class="badge v-${verdict}">${VERDICT_LABEL[verdict]}</span> ${escapeHtml(meaning)}</li>`);
  items.push(`<li><span class="mark stray">stray</span> unhandled rejections / uncaught exceptions seen while it ran (judged by CLOSE-009)</li>`);
  return `<ul class="legend">${items.join('')}</ul>`;
}

function filtersHtml(report: ConformanceReport, rows: readonly MatrixRow[]): string {
  const areas = [...new Set(rows.map((row) => row.area))];
  const statuses: [string, string][] = FILTER_VERDICTS.map((verdict) => [verdict, VERDICT_LABEL[verdict]]);
  if (usesExpectations(report)) statuses.push(['unexpected', 'unexpected']);
  return [
    '<form id="filters" class="filters" hidden>',
    `<label>Area <select id="filter-area"><option value="">all</option>${areas.map((area) => `<option value="${escapeHtml(area)}">${escapeHtml(area)}</option>`).join('')}</select></label>`,
    `<label>Status <select id="filter-status"><option value="">all</option>${statuses.map(([value, label]) => `<option value="${value}">${label}</option>`).join('')}</select></label>`,
    '<output id="filter-count"></output>',
    '</form>',
  ].join('\n');
}

/** The few words under a cell's verdict: its blocker, or its missing capability. */
function cellDetail(result: RequirementResult): string {
  if (result.verdict === 'blocked' && result.blockedBy !== undefined && result.blockedBy.length > 0) {
    return `<small>by ${result.blockedBy.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</small>`;
  }
  if (result.verdict === 'unimplemented' && result.capability !== undefined) return `<small>no <code>${escapeHtml(result.capability)}</code></small>`;
  return '';
}

function strayMark(result: RequirementResult): string {
  const note = strayErrorsNote(result);
  return note === undefined ? '' : ` <span class="mark stray" title="${escapeHtml(note)}">stray</span>`;
}

function hasDetails(result: RequirementResult): boolean {
  return isFailureVerdict(result.verdict) || isNotJudgedVerdict(result.verdict);
}

function cellHtml(result: RequirementResult | undefined, adapterIndex: number): string {
  if (result === undefined) return '<td class="cell v-none">—</td>';
  const label = VERDICT_LABEL[result.verdict];
  const title = result.message === undefined ? '' : ` title="${escapeHtml(result.message)}"`;
  const content = hasDetails(result) ? `<a href="#${failureAnchor(adapterIndex, result.id)}">${label}</a>` : label;
  return `<td class="cell ${verdictClass(result)}"${title}>${content}${cellDetail(result)}${expectationMark(result)}${strayMark(result)}</td>`;
}

function summaryText(summary: AdapterReport['summary']): string {
  const parts = [`${summary.pass} pass`, `${summary.fail} fail`, `${summary.skip} skip`];
  if (summary.blocked > 0) parts.push(`${summary.blocked} blocked`);
  if (summary.harnessError > 0) parts.push(`${summary.harnessError} harness error${summary.harnessError === 1 ? '' : 's'}`);
  if (summary.unimplemented > 0) parts.push(`${summary.unimplemented} unimplemented`);
  return parts.join(' · ');
}

function matrixHtml(report: ConformanceReport, rows: readonly MatrixRow[]): string {
  const head = report.adapters
    .map((adapter) => `<th scope="col" class="adapter">${escapeHtml(columnOf(adapter))}<small>${escapeHtml(adapter.source)}${adapter.runtime ? ` · ${escapeHtml(adapter.runtime.name)} ${escapeHtml(adapter.runtime.version)}` : ''}</small></th>`)
    .join('');
  const body = rows.map(
    (row) =>
      `<tr data-area="${escapeHtml(row.area)}" data-verdicts="${verdictTokens(row.cells)}"><th scope="row"><code>${escapeHtml(row.id)}</code> ${escapeHtml(row.title)}</th>` +
      `<td class="level">${row.level}</td><td class="profile">${escapeHtml(row.profile)}</td>${row.cells.map(cellHtml).join('')}</tr>`,
  );
  const foot = report.adapters.map(({ summary }) => `<td>${summaryText(summary)}</td>`).join('');
  return [
    '<table class="matrix">',
    `<thead><tr><th scope="col">Requirement</th><th scope="col">Level</th><th scope="col">Profile</th>${head}</tr></thead>`,
    '<tbody>',
    ...body,
    '</tbody>',
    `<tfoot><tr><th scope="row" colspan="3">Summary</th>${foot}</tr></tfoot>`,
    '</table>',
  ].join('\n');
}

function transcriptHtml(transcript: readonly TranscriptChunk[]): string {
  const rows = transcript.map(
    (chunk, index) =>
      `<tr><td>${index + 1}</td><td>${escapeHtml(formatAtMs(chunk.atMs))}</td><td>${chunk.length}</td><td class="content">${bytesHtml(chunk.escaped)}</td></tr>`,
  );
  return [
    '<table class="transcript">',
    '<thead><tr><th scope="col">chunk #</th><th scope="col">time ms</th><th scope="col">bytes</th><th scope="col">escaped content</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('\n');
}

function sectionHtml(section: FailureSection, result: RequirementResult): string {
  const title = `<h3>${escapeHtml(section.label)}</h3>`;
  switch (section.kind) {
    case 'transcript':
      return `${title}\n${transcriptHtml(result.counterexample?.transcript ?? [])}`;
    case 'sent':
      return `${title}\n<pre class="bytes">${bytesHtml(breakAfterEscapedNewlines(result.counterexample?.sent ?? ''))}</pre>`;
    case 'replay':
      return `${title}\n<pre><code>${escapeHtml(section.text, true)}</code></pre>`;
    default:
      return `${title}\n<pre>${escapeHtml(section.text, true)}</pre>`;
  }
}

function failureHtml(entry: FailureEntry, report: ConformanceReport): string {
  const { result, adapter } = entry;
  const sections = failureSections(result, groupOf(adapter, result));
  const body = sections.length === 0 ? '<p>No message or counterexample was recorded.</p>' : sections.map((section) => sectionHtml(section, result)).join('\n');
  const reason = notJudgedReason(result);
  const note = reason !== undefined ? ` <small>(${escapeHtml(reason)})</small>` : isBlocking(result, report.level) ? '' : ' <small>(does not fail this run)</small>';
  return [
    `<details class="failure" id="${entry.anchor}" data-area="${escapeHtml(areaOfId(result.id))}" data-verdicts="${verdictTokens([result])}">`,
    `<summary><span class="badge ${verdictClass(result)}">${VERDICT_LABEL[result.verdict]}</span> <code>${escapeHtml(result.id)}</code> ${escapeHtml(result.title)} — <b>${escapeHtml(columnOf(adapter))}</b>${expectationMark(result)}${strayMark(result)}${note}</summary>`,
    `<div class="body">\n${body}\n</div>`,
    '</details>',
  ].join('\n');
}

function failuresHtml(report: ConformanceReport): string {
  const entries = detailEntries(report);
  const failed = entries.filter((entry) => isFailureVerdict(entry.result.verdict));
  const notJudged = entries.filter((entry) => !isFailureVerdict(entry.result.verdict));
  const parts = failed.length === 0
    ? ['<h2>Failures</h2>', '<p>None.</p>']
    : ['<section id="failures">', `<h2>Failures (${failed.length})</h2>`, ...failed.map((entry) => failureHtml(entry, report)), '</section>'];
  if (notJudged.length > 0) {
    parts.push(
      '<section id="not-judged">',
      `<h2>Not judged (${notJudged.length}): blocked, harness errors, unimplemented</h2>`,
      ...notJudged.map((entry) => failureHtml(entry, report)),
      '</section>',
    );
  }
  return parts.join('\n');
}

/** The requirement ids of a list, each linked to its details when it has some. */
function idLinks(adapter: AdapterReport, adapterIndex: number, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const result = adapter.requirements.find((candidate) => candidate.id === id);
      const code = `<code>${escapeHtml(id)}</code>`;
      return result !== undefined && hasDetails(result) ? `<a href="#${failureAnchor(adapterIndex, id)}">${code}</a>` : code;
    })
    .join(', ');
}

/** "Fix these first": per adapter, failures grouped by shared root, most requirements first. */
function fixFirstHtml(report: ConformanceReport): string {
  const blocks: string[] = [];
  report.adapters.forEach((adapter, adapterIndex) => {
    const entries = fixFirst(adapter);
    if (entries.length === 0) return;
    const items = entries.map((entry) => {
      const count = `${entry.requirements.length} failure${entry.requirements.length === 1 ? '' : 's'}`;
      const blocked = entry.blocks.length === 0 ? '' : `<div class="root-ids"><small>also unblocks: ${idLinks(adapter, adapterIndex, entry.blocks)}</small></div>`;
      return `<li><span class="root">${escapeHtml(rootCauseText(entry))}</span> <small class="root-count">${count}</small><div class="root-ids">${idLinks(adapter, adapterIndex, entry.requirements)}</div>${blocked}</li>`;
    });
    const heading = report.adapters.length > 1 ? `<h3>${escapeHtml(columnOf(adapter))}</h3>\n` : '';
    blocks.push(`${heading}<ol class="roots">${items.join('')}</ol>`);
  });
  if (blocks.length === 0) return '';
  return [
    '<section id="fix-first">',
    '<h2>Fix these first</h2>',
    '<p>Failures grouped by what they come down to (the call that misbehaved and how), most requirements first: fixing one root usually fixes every failure listed under it.</p>',
    ...blocks,
    '</section>',
  ].join('\n');
}

function unexpectedPassesHtml(report: ConformanceReport): string {
  const items: string[] = [];
  for (const adapter of report.adapters) {
    for (const result of adapter.requirements) {
      if (result.expectation === 'unexpected-pass') {
        items.push(`<li><code>${escapeHtml(result.id)}</code> ${escapeHtml(result.title)} — <b>${escapeHtml(columnOf(adapter))}</b></li>`);
      }
    }
  }
  if (items.length === 0) return '';
  return `<section id="unexpected-passes"><h2>Unexpected passes</h2><p>Listed as failing in the expectation file, but passed: remove them from the file (or re-record with <code>--write-expect</code>).</p><ul>${items.join('')}</ul></section>`;
}

/** Notes on how results were judged (a runtime's own server, a client that cannot work in a runtime: spec §2.16). */
function notesHtml(report: ConformanceReport): string {
  const items = report.adapters.flatMap((adapter) =>
    adapter.requirements.flatMap((result) =>
      (result.notes ?? []).map((note) => `<li><code>${escapeHtml(result.id)}</code> — <b>${escapeHtml(columnOf(adapter))}</b>: ${escapeHtml(note)}</li>`),
    ),
  );
  if (items.length === 0) return '';
  return `<section id="notes"><h2>Notes</h2><p>How these results were judged in their runtime (not verdicts).</p><ul>${items.join('')}</ul></section>`;
}

/**
 * Renders `report.html`. Pure and deterministic. Every string from the
 * report is HTML-escaped (and its invisible characters made visible); the
 * inline script holds no report data.
 */
export function renderHtml(report: ConformanceReport): string {
  const rows = matrixRows(report);
  const title = `streamconform ${report.passed ? 'PASSED' : 'FAILED'} at level ${report.level}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    headerHtml(report),
    '<main>',
    warningsHtml(report),
    fixFirstHtml(report),
    '<h2>Requirements × implementations</h2>',
    legendHtml(),
    filtersHtml(report, rows),
    matrixHtml(report, rowsByVerdict(rows)),
    // Notes join the section before them: a report without notes renders as it did before they existed.
    [unexpectedPassesHtml(report), notesHtml(report)].filter((part, index) => index === 0 || part !== '').join('\n'),
    failuresHtml(report),
    `<footer>Generated by ${escapeHtml(report.tool)} ${escapeHtml(report.version)}. Verdicts are graded as in Autobahn|Testsuite: a failed SHOULD is NON-STRICT and fails the run only at --level should; BLOCKED, HARNESS ERROR and UNIMPLEMENTED were not judged (see the legend).</footer>`,
    '</main>',
    `<script>${REPORT_JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
