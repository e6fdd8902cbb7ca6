/**
 * Inputs for SSE checks that judge one rule each: data chosen so that what a
 * check compares does not depend on another requirement (an SSE-005 check
 * writes no leading spaces, which are SSE-006's; an SSE-004 check writes no
 * empty string, which is SSE-009's; non-ASCII text is SSE-017's, ...).
 */
import fc from 'fast-check';
import { stripLineBreaks } from './text.ts';

const PLAIN = 'abcdefghijklmnopqrstuvwxyz0123456789 .,!?_-+*/=';

/** Plain ASCII (letters, digits, spaces, punctuation; no colon), not starting with a space. */
export function plainLine(options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc
    .string({ unit: fc.constantFrom(...PLAIN.split('')), minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 10 })
    .map((text) => text.replace(/^ +/, ''))
    .filter((text) => text.length >= (options.minLength ?? 1));
}

/** Lines of plain ASCII joined by LF. */
export function plainLines(options: { maxLines?: number } = {}): fc.Arbitrary<string> {
  return fc.array(plainLine({ minLength: 0 }), { minLength: 1, maxLength: options.maxLines ?? 3 }).map((lines) => lines.join('\n'));
}

/** The marker of call `index` (1-based) in the data of an SSE-004/018 run: `[#3]`. */
export function marker(index: number): string {
  return `[#${index}]`;
}

/** Printable ASCII (with tab and NUL), colons and look-alikes included, not starting with a space. */
export function asciiLine(): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
    { weight: 1, arbitrary: fc.constantFrom('\t', '\0', ':', 'data: x', 'id: 1', 'event: e', 'retry: 0') },
  );
  return fc.string({ unit, maxLength: 10 }).map((text) => text.replace(/^ +/, ''));
}

/**
 * ASCII text of several lines joined by CR, LF and CRLF (possibly ending in
 * one), no line starting with a space, never empty: what SSE-005 splits.
 */
export function asciiMultiline(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.tuple(asciiLine(), fc.constantFrom('\r', '\n', '\r\n')), { minLength: 1, maxLength: 5 }), asciiLine(), fc.boolean())
    .map(([lines, last, withLast]) => lines.map(([line, end]) => line + end).join('') + (withLast ? last : ''))
    .filter((text) => text.length > 0);
}

/** ASCII lines joined by LF, some starting with spaces or tabs (SSE-006: the one space after `data:` must not eat them). */
export function leadingSpaceLines(): fc.Arbitrary<string> {
  const line = fc.tuple(fc.constantFrom('', ' ', '  ', '   ', '\t', ' :', ' \t'), asciiLine()).map(([head, tail]) => head + tail);
  return fc
    .array(line, { minLength: 1, maxLength: 4 })
    .map((lines) => lines.join('\n'))
    .filter((text) => text.length > 0 && /(^|\n)[ \t]/.test(text));
}

/** A JSON value that is not a string, whose JSON text is ASCII (non-ASCII is SSE-017's). */
export function asciiJsonValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme-ascii' }).filter((value) => typeof value !== 'string'),
    fc.array(plainLine({ minLength: 0 }), { maxLength: 4 }),
    fc.dictionary(plainLine(), fc.oneof(fc.integer(), plainLine({ minLength: 0 }), fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
  );
}

/** One line of any Unicode (lone surrogates, astral, BOM, NEL, U+2028), no CR or LF, not starting with a space, not empty (SSE-017). */
export function unicodeLine(): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
    { weight: 2, arbitrary: fc.constantFrom('é', '😀', '\ud800', '\udfff', '\ud83d', '\ufeff', '\u2028', '\u0085', '\u00ef\u00bb\u00bf', '\u{10ffff}') },
    { weight: 1, arbitrary: fc.constantFrom('a', ' ', ':') },
  );
  return fc
    .string({ unit, minLength: 1, maxLength: 8 })
    .map((text) => stripLineBreaks(text).replace(/^ +/, ''))
    .filter((text) => text.length > 0);
}

/**
 * `text` with no line starting with a space: how a client reads it back
 * does not depend on the one space after `data:` (SSE-006's rule).
 */
export function withoutLeadingSpaces(text: string): string {
  return text.replace(/(^|\r\n|\r|\n) +/g, '$1');
}

/**
 * A `writeSSE` call made independent of the rules of the SSE area on how
 * fields are written, for the checks of other areas (the models, close,
 * the real clients): no data line, event type or id starts with a space
 * (SSE-006, SSE-010, SSE-011 judge the space after the colon) and no id is
 * empty (SSE-011 judges that an empty id resets the last event id).
 */
export function independentOfFieldForms<T extends { data: unknown; event?: string | undefined; id?: string | undefined }>(call: T): T {
  const data = typeof call.data === 'string' ? withoutLeadingSpaces(call.data) : call.data;
  const out: T = { ...call, data };
  if (call.event !== undefined) out.event = call.event.replace(/^ +/, '');
  if (call.id !== undefined) {
    const id = call.id.replace(/^ +/, '');
    if (id === '') delete out.id;
    else out.id = id;
  }
  return out;
}
