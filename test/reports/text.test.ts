/** The shared text helpers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakAfterEscapedNewlines, formatDuration, truncate, visible } from '../../reports/conformance/text.ts';

describe('visible', () => {
  it('shows CR, LF, tab, controls, DEL, C1, lone surrogates and invisible code points as escapes', () => {
    expect(visible('a\r\nb\tc\u0000\u001b\u007f\u0085\udfff\ud800\ufeff\u2028\ufffe')).toBe(
      'a\\r\\nb\\tc\\x00\\x1b\\x7f\\x85\\u{dfff}\\u{d800}\\u{feff}\\u{2028}\\u{fffe}',
    );
  });

  it('keeps LF and tab in multiline mode, but never CR', () => {
    expect(visible('a\r\nb\tc', { multiline: true })).toBe('a\\r\nb\tc');
  });

  it('keeps printable text, including astral characters and surrogate pairs', () => {
    expect(visible('héllo 🙂 \\n "x"')).toBe('héllo 🙂 \\n "x"');
  });

  it('leaves nothing XML 1.0 forbids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(visible(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
  });
});

describe('breakAfterEscapedNewlines', () => {
  it('breaks after each \\n escape but not after an escaped backslash followed by n, nor at the end', () => {
    expect(breakAfterEscapedNewlines('data: a\\r\\ndata: b\\\\n\\n\\n')).toBe('data: a\\r\\n\ndata: b\\\\n\\n\n\\n');
  });

  it('only adds line breaks', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('\\', 'n', 'r', 'a') }), (text) => {
        expect(breakAfterEscapedNewlines(text).replace(/\n/g, '')).toBe(text);
      }),
    );
  });
});

describe('truncate', () => {
  it('cuts at max code units and reports what it cut', () => {
    expect(truncate('abcdef', 4)).toEqual({ text: 'abcd', omitted: 2 });
    expect(truncate('abc', 4)).toEqual({ text: 'abc', omitted: 0 });
  });

  it('never splits a surrogate pair', () => {
    expect(truncate('a🙂b', 2)).toEqual({ text: 'a', omitted: 3 });
  });
});

describe('formatDuration', () => {
  it('ms, seconds, minutes', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(3456.7)).toBe('3.46 s');
    expect(formatDuration(65_432)).toBe('1 min 5 s');
    expect(formatDuration(119_700)).toBe('2 min 0 s');
  });
});
