/**
 * The HTTP field oracles: media types by RFC 9110 §8.3.1 (with the standard's
 * own example of equivalent forms), Cache-Control directive lists by
 * RFC 9111 §5.2, and the media types an EventSource accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSourceAcceptsContentType, hasNoCacheDirective, parseCacheControl, parseMediaType, sameMediaType } from '../../conformance/oracles/http-fields.ts';

describe('media types (RFC 9110 §8.3.1)', () => {
  it('the standard\'s example: these four are the same media type', () => {
    const forms = ['text/html;charset=utf-8', 'Text/HTML;Charset="utf-8"', 'text/html; charset="utf-8"', 'text/html;charset=UTF-8'];
    for (const a of forms) for (const b of forms) expect(sameMediaType(a, b), `${a} vs ${b}`).toBe(true);
  });

  it('parses type, subtype and parameters; quoted-pairs unescaped', () => {
    expect(parseMediaType(' text/plain ; charset=utf-8 ;format="a\\"b" ')).toEqual({
      type: 'text',
      subtype: 'plain',
      parameters: [
        ['charset', 'utf-8'],
        ['format', 'a"b'],
      ],
    });
    expect(parseMediaType('text/event-stream;')).toEqual({ type: 'text', subtype: 'event-stream', parameters: [] });
  });

  it('refuses what is not a media type', () => {
    for (const value of ['', 'text', 'x bogus', 'text/', '/plain', 'text/plain; charset', 'text/plain; charset="utf-8', 'text/pl ain', 'text/plain; a=b c', 'téxt/plain']) {
      expect(parseMediaType(value), value).toBeUndefined();
    }
  });

  it('different types, subtypes, parameters or (non-charset) values are different media types', () => {
    expect(sameMediaType('text/plain', 'text/html')).toBe(false);
    expect(sameMediaType('application/json', 'application/json; charset=utf-8')).toBe(false);
    expect(sameMediaType('text/plain; charset=utf-8', 'text/plain; charset=utf-16')).toBe(false);
    expect(sameMediaType('text/plain; format=Flowed', 'text/plain; format=flowed')).toBe(false);
    expect(sameMediaType('text/plain; a=1; b=2', 'text/plain; b=2; a=1')).toBe(true);
    expect(sameMediaType('text/plain; charset=utf-8', 'text/plain; charset=utf-8; charset=utf-8')).toBe(false);
  });

  it('a media type re-serialized (case, spacing, quoting changed) is the same media type', () => {
    const token = fc.string({ unit: fc.constantFrom(...'abcxyzABC019-+.'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(token, token, fc.array(fc.tuple(token, token), { maxLength: 3 }), fc.boolean(), (type, subtype, parameters, quote) => {
        const original = `${type}/${subtype}${parameters.map(([name, value]) => `; ${name}=${value}`).join('')}`;
        const flip = (text: string) => [...text].map((char, i) => (i % 2 ? char.toUpperCase() : char.toLowerCase())).join('');
        const rewritten = `${flip(type)}/${flip(subtype)}${parameters.map(([name, value]) => `;${flip(name)}=${quote ? `"${value}"` : value}`).join('')}`;
        expect(sameMediaType(original, rewritten)).toBe(true);
      }),
    );
  });
});

describe('Cache-Control (RFC 9111 §5.2)', () => {
  it('carries no-cache anywhere in the list, any case, any spacing', () => {
    for (const value of ['no-cache', 'No-Cache', 'no-cache, no-transform', 'no-transform,no-cache', ' max-age=0 ,  NO-CACHE ', 'no-cache,,', 'private, no-cache, max-age="0"']) {
      expect(hasNoCacheDirective(value), value).toBe(true);
    }
  });

  it('does not: absent, qualified no-cache, no-store alone, other directives, or a value outside the grammar', () => {
    for (const value of [null, '', 'no-store', 'no-cache="Set-Cookie"', 'no-cache=""', 'max-age=0', 'nocache', 'no-cache; max-age=0', 'no-cache "x"']) {
      expect(hasNoCacheDirective(value), String(value)).toBe(false);
    }
  });

  it('parses directives with token and quoted arguments', () => {
    expect(parseCacheControl('Max-Age=60, no-cache="a, b", public')).toEqual([
      { name: 'max-age', argument: '60' },
      { name: 'no-cache', argument: 'a, b' },
      { name: 'public' },
    ]);
  });
});

describe('what an EventSource accepts as an event stream', () => {
  it('the MIME type essence text/event-stream, parameters ignored', () => {
    for (const value of ['text/event-stream', 'Text/Event-Stream', 'text/event-stream; charset=utf-8', 'text/event-stream;', ' text/event-stream ']) {
      expect(eventSourceAcceptsContentType(value), value).toBe(true);
    }
    for (const value of [null, '', 'text/plain', 'text/event-stream-x', 'text/x-bogus', 'x bogus', 'event-stream']) {
      expect(eventSourceAcceptsContentType(value), String(value)).toBe(false);
    }
  });
});
