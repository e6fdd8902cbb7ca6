/**
 * Text helpers shared by the renderers: make invisible characters visible,
 * and cut long text at a character boundary. Pure; no escaping for any one
 * output format here (that lives next to each renderer).
 */

/** How {@link visible} treats line breaks and tabs. */
export interface VisibleOptions {
  /**
   * Keep LF (and tab) as real line breaks (for `<pre>` blocks and code
   * fences). Otherwise LF is shown as `\n` and tab as `\t`, so the text fits
   * on one line (table cells, attributes, summaries).
   */
  multiline?: boolean;
}

/** Code points that are shown escaped although they are not controls: they are invisible and matter to event streams (BOM) or break lines (U+2028/9). */
const INVISIBLE = new Set([0xfeff, 0x2028, 0x2029, 0xfffe, 0xffff]);

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, '0');
}

/**
 * Returns `text` with every character a reader could not see, or that a
 * report format cannot carry, written as an escape: CR as `\r`, LF as `\n`
 * (unless `multiline`), tab as `\t` (unless `multiline`), other C0/C1
 * controls and DEL as `\xNN`, lone surrogates, U+FFFE/U+FFFF, the BOM and
 * U+2028/U+2029 as `\u{...}`. Printable text, including non-ASCII, is kept
 * as is. The result is legal in XML 1.0, HTML and Markdown.
 *
 * A backslash already in `text` is kept: messages from checks already show
 * values escaped (`"a\rb"`), and doubling those would make them unreadable.
 */
export function visible(text: string, options: VisibleOptions = {}): string {
  const multiline = options.multiline === true;
  let out = '';
  // for..of walks code points; a lone surrogate comes out as one code unit.
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (char === '\n') out += multiline ? '\n' : '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += multiline ? '\t' : '\\t';
    else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) out += `\\x${hex(codePoint, 2)}`;
    else if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || INVISIBLE.has(codePoint)) out += `\\u{${hex(codePoint, 4)}}`;
    else out += char;
  }
  return out;
}

/**
 * Breaks an escaped byte string (as in `Counterexample.sent`) into lines
 * after each `\n` escape, so that the event-stream lines read one per line
 * while the `\r` / `\n` escapes stay visible. A `\\` (escaped backslash) is
 * stepped over, so `\\n` does not break.
 */
export function breakAfterEscapedNewlines(escaped: string): string {
  let out = '';
  for (let index = 0; index < escaped.length; index++) {
    const char = escaped[index];
    if (char === '\\' && index + 1 < escaped.length) {
      const next = escaped[index + 1];
      out += char + next;
      index++;
      if (next === 'n' && index + 1 < escaped.length) out += '\n';
    } else {
      out += char;
    }
  }
  return out;
}

/** The result of {@link truncate}. */
export interface Truncated {
  text: string;
  /** Number of UTF-16 code units cut off (0 when nothing was cut). */
  omitted: number;
}

/**
 * Cuts `text` to at most `max` UTF-16 code units without splitting a
 * surrogate pair.
 */
export function truncate(text: string, max: number): Truncated {
  if (text.length <= max) return { text, omitted: 0 };
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  const next = text.charCodeAt(end);
  if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) end--;
  return { text: text.slice(0, end), omitted: text.length - end };
}

/** `1234` → `"1.23 s"`, `12` → `"12 ms"`: durations for people. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes} min ${seconds} s`;
}
