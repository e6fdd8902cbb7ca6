/**
 * XML 1.0 escaping for the JUnit renderer. Characters XML 1.0 cannot carry
 * at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are first made
 * visible as escapes by {@link visible}, so the output is always
 * well-formed; `&`, `<`, `>` (which also rules out `]]>`) and, in
 * attributes, quotes and line breaks become references.
 *
 * @see https://www.w3.org/TR/xml/#charsets (Char production)
 */
import { visible } from './text.ts';

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Element content: line breaks kept; CR and illegal characters shown as escapes. */
export function xmlText(text: string): string {
  return escapeMarkup(visible(text, { multiline: true }));
}

/**
 * Attribute value (for `"`-quoted attributes). One line (LF shown as `\n`)
 * unless `multiline`, which keeps LF and tab as character references
 * (`&#10;`, `&#9;`) so attribute-value normalisation does not turn them
 * into spaces.
 */
export function xmlAttribute(text: string, multiline = false): string {
  return escapeMarkup(visible(text, { multiline }))
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
