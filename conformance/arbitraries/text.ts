/**
 * Text arbitraries: all of Unicode, with the characters that break event
 * streams and chunk encodings weighted up — CR, LF, CRLF mixes, a lone CR at
 * the end, lone surrogates, NUL, BOM, leading spaces and colons, and text
 * that looks like SSE fields.
 */
import fc from 'fast-check';

/** Fragments that matter to line-based protocols. */
export const trickyFragments = [
  '\r', '\n', '\r\n', '\n\r', '\r\r', '\n\n', '\0', '\ufeff', ' ', '  ', ':', ': ',
  '\ud800', '\udfff', '\ud83d', '\ude00', '😀', 'é', '\u2028', '\u0085', '\x7f', '\t',
  'data: x', 'data:', 'id: 1', 'id', 'event: x', 'event:', 'retry: 0', 'retry: 1000',
  ': comment', '0\r\n\r\n', '1a\r\n', '=', '+/', '-_',
] as const;

/** One "unit" of text: a tricky fragment, an ASCII character or any code point (incl. lone surrogates). */
export function textUnit(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...trickyFragments) },
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }) },
  );
}

/** Any text (all of Unicode, lone surrogates included), tricky parts weighted up. */
export function anyText(options: { maxLength?: number; minLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ unit: textUnit(), minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 24 });
}

/** Text made of lines joined by CR, LF or CRLF, possibly ending in a lone CR. */
export function multilineText(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(anyText({ maxLength: 8 }).map(stripLineBreaks), { minLength: 1, maxLength: 6 }),
      fc.array(fc.constantFrom('\r', '\n', '\r\n'), { minLength: 6, maxLength: 6 }),
      fc.constantFrom('', '\r', '\n', '\r\n'),
    )
    .map(([lines, breaks, tail]) => lines.map((line, index) => (index === 0 ? line : breaks[index]! + line)).join('') + tail);
}

/** Text that looks like event-stream fields and framing. */
export function sseLookalikeText(): fc.Arbitrary<string> {
  const line = fc.oneof(
    fc.constantFrom('id: 7', 'id:', 'event: injected', 'event:x', 'retry: 1', 'retry:0', 'data: evil', ':comment', ''),
    fc.tuple(fc.constantFrom('data', 'id', 'event', 'retry', ''), fc.constantFrom(':', ': ', ':  '), anyText({ maxLength: 4 }).map(stripLineBreaks)).map(
      ([name, colon, value]) => name + colon + value,
    ),
  );
  return fc
    .array(fc.tuple(line, fc.constantFrom('\n', '\r', '\r\n', '\n\n', '\r\n\r\n')), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.map(([text, end]) => text + end).join(''));
}

/** Any of the above: the data arbitrary of the SSE properties. */
export function eventDataText(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: anyText() }, { weight: 2, arbitrary: multilineText() }, { weight: 1, arbitrary: sseLookalikeText() });
}

/** Text without CR, LF or NUL (a valid SSE `id`). */
export function lineSafeText(options: { withNul?: boolean; maxLength?: number } = {}): fc.Arbitrary<string> {
  return anyText({ maxLength: options.maxLength ?? 12 }).map((text) => {
    const stripped = stripLineBreaks(text);
    return options.withNul ? stripped : stripped.replaceAll('\0', '');
  });
}

/** Text that contains at least one of `forbidden` somewhere. */
export function textContaining(forbidden: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(lineSafeText({ maxLength: 6 }), fc.constantFrom(...forbidden), lineSafeText({ maxLength: 6 }))
    .map(([before, bad, after]) => before + bad + after);
}

export function stripLineBreaks(text: string): string {
  return text.replace(/[\r\n]/g, '');
}

/** What a WHATWG client reads back for `text` written as event data: line breaks as LF, lone surrogates as U+FFFD. */
export function asClientReadsIt(text: string): string {
  return text.toWellFormed().replace(/\r\n|\r/g, '\n');
}
