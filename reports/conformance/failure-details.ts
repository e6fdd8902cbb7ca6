/**
 * What every renderer shows about a failure (DESIGN §2: "every failure can
 * be replayed"), in one order: the message, the shrunk input, the bytes
 * sent, how a WHATWG client reads them, the wire transcript, the replay
 * command. Renderers only choose the markup.
 */
import type { RequirementResult, TranscriptChunk } from './model.ts';
import { breakAfterEscapedNewlines } from './text.ts';

/** Which part of a failure a section holds. */
export type FailureSectionKind = 'message' | 'input' | 'sent' | 'clientView' | 'transcript' | 'replay';

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

/** The sections of a failed (or skipped) result's details; absent parts are left out. */
export function failureSections(result: RequirementResult): FailureSection[] {
  const sections: FailureSection[] = [];
  if (result.message !== undefined) sections.push({ kind: 'message', label: 'Message', text: result.message });
  const counterexample = result.counterexample;
  if (counterexample === undefined) return sections;
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
  return sections;
}

/** A failure as plain text, one titled, indented block per section (JUnit bodies, logs). */
export function failureText(result: RequirementResult): string {
  return failureSections(result)
    .map((section) => `${section.label}:\n${section.text.split('\n').map((line) => `  ${line}`).join('\n')}`)
    .join('\n\n');
}
