/**
 * What every renderer shows about a failure (README "Reading a report": every failure can
 * be replayed), in one order: the message, why it was not judged (blocked
 * by, missing capability), its root cause, the shrunk input, the bytes
 * sent, how a WHATWG client reads them, the wire transcript, the replay
 * command, the suite's own stack (harness errors), stray errors seen while
 * it ran. Renderers only choose the markup.
 */
import { HARNESS_ERROR_NOTE, rootCauseText } from './fix-first.ts';
import type { RequirementResult, RootCauseGroup, TranscriptChunk } from './model.ts';
import { breakAfterEscapedNewlines } from './text.ts';

/** Which part of a failure a section holds. */
export type FailureSectionKind =
  | 'message'
  | 'blockedBy'
  | 'capability'
  | 'rootCause'
  | 'input'
  | 'sent'
  | 'clientView'
  | 'transcript'
  | 'replay'
  | 'harnessStack'
  | 'strayErrors';

/** One titled part of a failure's details. Text is raw (not yet made visible or escaped). */
export interface FailureSection {
  kind: FailureSectionKind;
  label: string;
  text: string;
}

/** Formats an arrival time for transcripts: milliseconds with one decimal. */
export function formatAtMs(atMs: number): string {
  return atMs.toFixed(1);
}

/** A wire transcript as aligned plain-text columns: chunk # / time ms / bytes / escaped content. */
export function transcriptText(transcript: readonly TranscriptChunk[]): string {
  const rows = transcript.map((chunk, index) => [String(index + 1), formatAtMs(chunk.atMs), String(chunk.length), chunk.escaped]);
  const header = ['#', 'time ms', 'bytes', 'content'];
  const widths = [0, 1, 2].map((column) => Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]): string => `${row.slice(0, 3).map((cell, column) => cell.padStart(widths[column]!)).join('  ')}  ${row[3]}`;
  return [line(header), ...rows.map(line)].join('\n');
}

/** The input's heading: seed, path and shrinks, as far as known. */
function inputLabel(result: RequirementResult): string {
  const counterexample = result.counterexample;
  if (counterexample === undefined) return 'Shrunk input';
  const facts = [`seed ${counterexample.seed}`];
  if (counterexample.path !== undefined) facts.push(`path ${JSON.stringify(counterexample.path)}`);
  if (counterexample.shrinks !== undefined) facts.push(`${counterexample.shrinks} shrink${counterexample.shrinks === 1 ? '' : 's'}`);
  return `Shrunk input (${facts.join(', ')})`;
}

/** The root-cause section: the root in one line, and the other failures that share it. */
function rootCauseSection(result: RequirementResult, group: RootCauseGroup | undefined): FailureSection | undefined {
  const cause = result.rootCause ?? group;
  const others = (group?.requirements ?? []).filter((id) => id !== result.id);
  // A root read from the message and shared with nothing would only repeat the message.
  if (cause === undefined || (result.rootCause === undefined && others.length === 0)) return undefined;
  const shared = others.length === 0 ? '' : `\nShared with ${others.length} other failure${others.length === 1 ? '' : 's'}: ${others.join(', ')}`;
  const label = result.rootCause === undefined ? 'Root cause (read from the message)' : 'Root cause';
  return { kind: 'rootCause', label, text: `${rootCauseText(cause)}${shared}` };
}

/**
 * The sections of a result's details; absent parts are left out. `group`
 * is the root-cause group the result belongs to (see `groupOf`), for the
 * root-cause section.
 */
export function failureSections(result: RequirementResult, group?: RootCauseGroup): FailureSection[] {
  const sections: FailureSection[] = [];
  if (result.message !== undefined) sections.push({ kind: 'message', label: 'Message', text: result.message });
  if (result.blockedBy !== undefined && result.blockedBy.length > 0) {
    const text = result.verdict === 'blocked'
      ? `${result.blockedBy.join(', ')}: its failure kept this check from judging its own rule; fix it first, then run this one again.`
      : `${result.blockedBy.join(', ')}: this check could not judge its rule because of it, but it did not fail in this run.`;
    sections.push({ kind: 'blockedBy', label: 'Blocked by', text });
  }
  if (result.capability !== undefined) {
    sections.push({ kind: 'capability', label: 'Missing capability', text: `${result.capability}: optional, not implemented, so there was nothing to judge (never fails the run).` });
  }
  const rootCause = rootCauseSection(result, group);
  if (rootCause !== undefined) sections.push(rootCause);
  const counterexample = result.counterexample;
  if (counterexample !== undefined) {
    sections.push({ kind: 'input', label: inputLabel(result), text: counterexample.input });
    if (counterexample.sent !== undefined) {
      sections.push({ kind: 'sent', label: 'Bytes sent (escaped, CR/LF visible)', text: breakAfterEscapedNewlines(counterexample.sent) });
    }
    if (counterexample.clientView !== undefined) {
      sections.push({ kind: 'clientView', label: 'How a WHATWG client reads them', text: counterexample.clientView });
    }
    if (counterexample.transcript !== undefined && counterexample.transcript.length > 0) {
      sections.push({ kind: 'transcript', label: 'Wire transcript (chunk boundaries and arrival times)', text: transcriptText(counterexample.transcript) });
    }
    sections.push({ kind: 'replay', label: 'Replay', text: counterexample.replay });
  }
  if (result.verdict === 'harness-error') {
    const stack = result.harnessStack === undefined ? '' : `\n\n${result.harnessStack}`;
    sections.push({ kind: 'harnessStack', label: 'Harness error (streamconform\'s own stack)', text: `${HARNESS_ERROR_NOTE}${stack}` });
  }
  if (result.strayErrors !== undefined && result.strayErrors.length > 0) {
    const text = result.strayErrors.map((stray) => `during ${stray.during}: ${stray.description}`).join('\n');
    sections.push({ kind: 'strayErrors', label: 'Stray errors (unhandled rejections / uncaught exceptions, judged by CLOSE-009)', text });
  }
  return sections;
}

/** A failure as plain text, one titled, indented block per section (JUnit bodies, logs). */
export function failureText(result: RequirementResult, group?: RootCauseGroup): string {
  return failureSections(result, group)
    .map((section) => `${section.label}:\n${section.text.split('\n').map((line) => (line === '' ? '' : `  ${line}`)).join('\n')}`)
    .join('\n\n');
}
