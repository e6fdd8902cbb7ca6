/**
 * How a result counts toward the run's verdict (README "Reading a report"): graded as in
 * Autobahn|Testsuite, with `--level` and `--expect` applied. Every renderer
 * and `applyExpectations` use these, so they agree on what "failed" means.
 */
import type { Level } from './model.ts';
import type { AdapterReport, ConformanceReport, RequirementResult, RootCause, RootCauseGroup, Status, Verdict } from './model.ts';

/** The verdict of a judged result: a pass is `ok`; a failure `failed` for a MUST, `non-strict` for a SHOULD. */
export function gradeVerdict(status: Status, level: Level): Verdict {
  if (status === 'pass') return 'ok';
  if (status === 'skip') return 'skipped';
  return level === 'MUST' ? 'failed' : 'non-strict';
}

/** The counts of {@link AdapterReport.summary}. */
export function summarize(results: readonly RequirementResult[]): AdapterReport['summary'] {
  const summary = { pass: 0, fail: 0, skip: 0, blocked: 0, unimplemented: 0, harnessError: 0 };
  for (const result of results) {
    if (result.verdict === 'ok') summary.pass++;
    else if (result.verdict === 'failed' || result.verdict === 'non-strict') summary.fail++;
    else if (result.verdict === 'blocked') summary.blocked++;
    else if (result.verdict === 'unimplemented') summary.unimplemented++;
    else if (result.verdict === 'harness-error') summary.harnessError++;
    else summary.skip++;
  }
  return summary;
}

/**
 * Groups failed results by their {@link RootCause} (call and class of
 * difference). A failure without one is grouped by {@link fallbackRootCause}
 * of its message, so failures that differ only in their inputs still group.
 * Groups that explain more requirements come first, then MUST before
 * SHOULD, then registry order: the first group is the defect to fix first.
 */
export function groupRootCauses(results: readonly RequirementResult[]): RootCauseGroup[] {
  const groups = new Map<string, RootCauseGroup & { firstIndex: number; must: boolean }>();
  results.forEach((result, index) => {
    if (result.status !== 'fail') return;
    const cause = result.rootCause ?? fallbackRootCause(result.message ?? result.title);
    const key = `${cause.call}\u0000${cause.difference}`;
    const group = groups.get(key);
    if (group) {
      if (!group.requirements.includes(result.id)) group.requirements.push(result.id);
      group.must ||= result.level === 'MUST';
    } else {
      groups.set(key, { call: cause.call, difference: cause.difference, requirements: [result.id], firstIndex: index, must: result.level === 'MUST' });
    }
  });
  return [...groups.values()]
    .sort((a, b) => b.requirements.length - a.requirements.length || Number(b.must) - Number(a.must) || a.firstIndex - b.firstIndex)
    .map(({ call, difference, requirements }) => ({ call, difference, requirements }));
}

/** Longest `difference` a fallback root cause keeps. */
const DIFFERENCE_MAX_CHARS = 160;

/** The call named when a message names none. */
export const UNKNOWN_CALL = 'the implementation';

/**
 * The root cause read off a failure message that came without one:
 *
 * 1. its first line;
 * 2. without the check's title: the runner writes `check title: what
 *    happened`, and two checks that saw the same thing share a root. The
 *    title ends at the first `: ` followed by a call (`…: writeSSE(`) or by
 *    the runner's own words (`…: the check threw`, `…: property
 *    interrupted`); a title may hold `: ` itself, so when neither follows,
 *    nothing is taken for a title and the whole line is compared;
 * 3. with the inputs taken out: quoted strings become `"…"`, escaped bytes
 *    (`\r`, `\x00`, `\u{d800}`) `…`, bracketed and parenthesised values
 *    `[…]` `{…}` `(…)`, numbers `N` (requirement ids and § numbers stay);
 * 4. its first clause: up to the first `; `;
 * 5. the call: a leading description of it, up to its `: `
 *    (`writeSSE(…): `, `sseResponse yielding […] with {…}: `), moves from
 *    the difference to the call; otherwise the call is the first `name(`,
 *    or else {@link UNKNOWN_CALL}.
 *
 * Pure and deterministic: the same message gives the same root.
 */
export function fallbackRootCause(message: string): RootCause {
  const template = withoutInputs(message.split(/\r\n|\r|\n/)[0] ?? '');
  const separator = TITLE_END.exec(template)?.index ?? -1;
  const rest = separator > 0 ? template.slice(separator + 2) : template;
  // The first clause: what follows `; ` adds to it (brackets are collapsed by now, so this `; ` is not inside a value).
  const detail = rest.split('; ')[0]!;
  // A leading description of the call (`writeSSE(…): `, `sseResponse yielding […] with {…}: `) names the call and is left out.
  const leading = /^([A-Za-z_$][\w$]*\((?=…\))|[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*(?= ))[^:]*?: (.+)$/s.exec(detail);
  if (leading) return { call: leading[1]!.replace(/\($/, ''), difference: cut(leading[2]!) };
  const named = /(?<![\w$.])([A-Za-z_$][\w$]*)\(/.exec(detail);
  return { call: named?.[1] ?? UNKNOWN_CALL, difference: cut(detail) };
}

/** Where a check's title ends in a runner message: before a call, or before the runner's own words. */
const TITLE_END = /: (?=[A-Za-z_$][\w$.]*\(|the check |property interrupted )/;

/** Bracket contents: anything but brackets, or brackets already reduced to a placeholder. */
const INNER = String.raw`(?:[^[\]{}()]|\[…\]|\{…\}|\(…\))*`;
const BRACKETS: [RegExp, string][] = [
  [new RegExp(String.raw`\[${INNER}\]`, 'g'), '[…]'],
  [new RegExp(String.raw`\{${INNER}\}`, 'g'), '{…}'],
  [new RegExp(String.raw`\(${INNER}\)`, 'g'), '(…)'],
];

/** A message line with the values that vary from input to input replaced by placeholders. */
function withoutInputs(line: string): string {
  let text = line
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/(?<![\w'])'(?:[^'\\]|\\.)*'(?!\w)/g, "'…'")
    .replace(/(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|[rnt0\\]))+/g, '…');
  // Innermost first, until nothing changes (a placeholder is its own image).
  for (let previous = ''; previous !== text; ) {
    previous = text;
    for (const [pattern, placeholder] of BRACKETS) text = text.replace(pattern, placeholder);
  }
  return text
    .replace(/(?<![A-Za-z]-|§|[\w.])\d+(?:\.\d+)*(?!\d)/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}

function cut(text: string): string {
  return text.length <= DIFFERENCE_MAX_CHARS ? text : `${text.slice(0, DIFFERENCE_MAX_CHARS - 1)}…`;
}

/** An adapter's report from its results: the summary and root causes derived, never typed. */
export function adapterReport(name: string, source: string, results: RequirementResult[]): AdapterReport {
  return { name, source, summary: summarize(results), requirements: results, rootCauses: groupRootCauses(results) };
}

/** The run's `--level`. */
export type RunLevel = ConformanceReport['level'];

/**
 * Does a requirement of this level count at the run's level? MUSTs always
 * do; SHOULDs only at `--level should` (a failed SHOULD is "non-strict").
 */
export function countsAtLevel(level: Level, runLevel: RunLevel): boolean {
  return level === 'MUST' || runLevel === 'should';
}

/**
 * Does this result fail the run? Without `--expect`: a failure that counts
 * at the run's level. With `--expect` (the result carries `expectation`):
 * an *unexpected* result (a new failure, or an expected failure that now
 * passes) that counts at the run's level.
 */
export function isBlocking(result: RequirementResult, runLevel: RunLevel): boolean {
  if (!countsAtLevel(result.level, runLevel)) return false;
  if (result.expectation !== undefined) return result.expectation !== 'expected';
  return result.status === 'fail';
}

/** The run's verdict recomputed from its results: no result is {@link isBlocking}. */
export function reportPasses(report: Pick<ConformanceReport, 'level' | 'adapters'>): boolean {
  return report.adapters.every((adapter) => adapter.requirements.every((result) => !isBlocking(result, report.level)));
}

/** Counts of a set of results, by graded verdict and by expectation. */
export interface Tally {
  total: number;
  ok: number;
  failed: number;
  nonStrict: number;
  skipped: number;
  blocked: number;
  unimplemented: number;
  harnessErrors: number;
  /** Results whose expectation is `unexpected-fail` or `unexpected-pass`. */
  unexpected: number;
  /** Failures listed in the expectation file (`expected` with status `fail`). */
  expectedFailures: number;
  /** Results that fail the run ({@link isBlocking}). */
  blocking: number;
}

const VERDICT_FIELD: Record<Verdict, 'ok' | 'failed' | 'nonStrict' | 'skipped' | 'blocked' | 'unimplemented' | 'harnessErrors'> = {
  ok: 'ok',
  failed: 'failed',
  'non-strict': 'nonStrict',
  skipped: 'skipped',
  blocked: 'blocked',
  unimplemented: 'unimplemented',
  'harness-error': 'harnessErrors',
};

/** Tallies `results` at the run's level. */
export function tally(results: readonly RequirementResult[], runLevel: RunLevel): Tally {
  const counts: Tally = { total: 0, ok: 0, failed: 0, nonStrict: 0, skipped: 0, blocked: 0, unimplemented: 0, harnessErrors: 0, unexpected: 0, expectedFailures: 0, blocking: 0 };
  for (const result of results) {
    counts.total++;
    counts[VERDICT_FIELD[result.verdict]]++;
    if (result.expectation === 'unexpected-fail' || result.expectation === 'unexpected-pass') counts.unexpected++;
    if (result.expectation === 'expected' && result.status === 'fail') counts.expectedFailures++;
    if (isBlocking(result, runLevel)) counts.blocking++;
  }
  return counts;
}

/** Did the report use `--expect` (any result carries an expectation)? */
export function usesExpectations(report: Pick<ConformanceReport, 'adapters'>): boolean {
  return report.adapters.some((adapter) => adapter.requirements.some((result) => result.expectation !== undefined));
}

/** Upper-case label of a verdict, as Autobahn prints it. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  ok: 'OK',
  failed: 'FAILED',
  'non-strict': 'NON-STRICT',
  skipped: 'SKIPPED',
  blocked: 'BLOCKED',
  unimplemented: 'UNIMPLEMENTED',
  'harness-error': 'HARNESS ERROR',
};

/** Did the suite itself break anywhere in the run (a bug to report, not a verdict on an implementation)? */
export function hasHarnessErrors(report: Pick<ConformanceReport, 'adapters'>): boolean {
  return report.adapters.some((adapter) => adapter.requirements.some((result) => result.verdict === 'harness-error'));
}
