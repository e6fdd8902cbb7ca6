/**
 * The command model's own pieces: the expected bytes of each call (the
 * simplest statement of DESIGN §3) and the body matcher, on hand-checked
 * examples; and the model run against the reference with more runs and seeds.
 */
import { describe, expect, it } from 'vitest';
import { matchBody } from '../../conformance/commands/expected-body.ts';
import { describeWriteCall, expectedSegment, renderSegment, renderSegments } from '../../conformance/commands/expected-bytes.ts';
import { streamChecks } from '../../conformance/properties/stream.ts';
import { closeChecks } from '../../conformance/properties/close.ts';
import { expectPass, pick, reference } from './stream-area-harness.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const utf8 = (value: string) => new TextEncoder().encode(value);

describe('expected bytes of a call', () => {
  it('write: UTF-8 of text (lone surrogate as U+FFFD), bytes as is', () => {
    expect(text(renderSegment(expectedSegment({ kind: 'write', data: 'é\r\n' })))).toBe('é\r\n');
    expect(Array.from(renderSegment(expectedSegment({ kind: 'write', data: '\ud800' })))).toEqual([0xef, 0xbf, 0xbd]);
    expect(Array.from(renderSegment(expectedSegment({ kind: 'write', data: new Uint8Array([0, 255]) })))).toEqual([0, 255]);
  });

  it('writeChunk: NDJSON for values, nothing added to text and bytes, base64 padded and lowercase hex with LF', () => {
    expect(text(renderSegment(expectedSegment({ kind: 'writeChunk', value: { a: [1, 'x'] } })))).toBe('{"a":[1,"x"]}\n');
    expect(text(renderSegment(expectedSegment({ kind: 'writeChunk', value: 'plain' })))).toBe('plain');
    expect(text(renderSegment(expectedSegment({ kind: 'writeChunk', value: 'hi', encoding: 'base64' })))).toBe('aGk=\n');
    expect(text(renderSegment(expectedSegment({ kind: 'writeChunk', value: new Uint8Array([0xfb, 0xff]), encoding: 'base64' })))).toBe('+/8=\n');
    expect(text(renderSegment(expectedSegment({ kind: 'writeChunk', value: new Uint8Array([0xab, 0x01]), encoding: 'hex' })))).toBe('ab01\n');
    expect(text(renderSegment(expectedSegment({ kind: 'writeChunk', value: 7, encoding: 'hex' })))).toBe('37\n');
  });

  it('writeSSE: one data line per CR, LF or CRLF separated line, fields, a blank line', () => {
    const segment = expectedSegment({ kind: 'writeSSE', data: 'a\rb\r\nc\n', options: { id: '7', event: 'x' } });
    expect(text(renderSegment(segment))).toBe('event: x\nid: 7\ndata: a\ndata: b\ndata: c\ndata: \n\n');
    expect(text(renderSegment(expectedSegment({ kind: 'writeSSE', data: '' })))).toBe('data: \n\n');
    expect(text(renderSegment(expectedSegment({ kind: 'writeSSE', data: { n: 'a\nb' } })))).toBe('data: {"n":"a\\nb"}\n\n');
  });

  it('describes calls as a person reads them', () => {
    expect(describeWriteCall({ kind: 'writeSSE', data: 'a\rb', options: { id: '7' } })).toBe('writeSSE("a\\rb", {"id":"7"})');
    expect(describeWriteCall({ kind: 'write', data: new Uint8Array([1, 2]) })).toBe('write(Uint8Array.from([1,2]))');
  });
});

describe('matching a body against the model', () => {
  const event = expectedSegment({ kind: 'writeSSE', data: 'a\nb', options: { id: '7', event: 'x', retry: 5 } });
  const bytes = expectedSegment({ kind: 'write', data: 'tail' });

  it('accepts the event fields in any order, but not data lines out of order', () => {
    expect(matchBody(utf8('retry: 5\nid: 7\nevent: x\ndata: a\ndata: b\n\ntail'), [event, bytes])).toEqual({ ok: true });
    expect(matchBody(utf8('data: a\nid: 7\nevent: x\nretry: 5\ndata: b\n\ntail'), [event, bytes])).toEqual({ ok: true });
    expect(matchBody(utf8('event: x\nid: 7\nretry: 5\ndata: b\ndata: a\n\ntail'), [event, bytes]).ok).toBe(false);
  });

  it('rejects a missing field, an extra field, a missing space, extra bytes and a short body', () => {
    expect(matchBody(utf8('event: x\nretry: 5\ndata: a\ndata: b\n\ntail'), [event, bytes]).ok).toBe(false);
    expect(matchBody(utf8('event: x\nid: 7\nid: 7\nretry: 5\ndata: a\ndata: b\n\ntail'), [event, bytes]).ok).toBe(false);
    expect(matchBody(utf8('event: x\nid: 7\nretry: 5\ndata:a\ndata: b\n\ntail'), [event, bytes]).ok).toBe(false);
    expect(matchBody(utf8(`${text(renderSegments([event, bytes]))}!`), [event, bytes])).toMatchObject({ ok: false, message: expect.stringMatching(/bytes no call wrote/) });
    expect(matchBody(utf8(text(renderSegments([event, bytes])).slice(0, -1)), [event, bytes]).ok).toBe(false);
  });

  it('with allowPrefix, accepts any cut of a right body and nothing wrong', () => {
    const whole = renderSegments([event, bytes]);
    for (let cut = 0; cut <= whole.length; cut++) expect(matchBody(whole.subarray(0, cut), [event, bytes], { allowPrefix: true })).toEqual({ ok: true });
    expect(matchBody(utf8('event: y'), [event, bytes], { allowPrefix: true }).ok).toBe(false);
    expect(matchBody(utf8(`${text(whole)}x`), [event, bytes], { allowPrefix: true }).ok).toBe(false);
  });
});

describe('the model on the reference, more runs and other seeds', () => {
  for (const seed of [1, 2026]) {
    it(`STREAM-010 and CLOSE-009 hold with 300 runs, seed ${seed}`, async () => {
      const adapter = await reference();
      for (const check of [pick(streamChecks, 'STREAM-010', 'any sequence'), pick(streamChecks, 'STREAM-010', 'fc.scheduler'), pick(closeChecks, 'CLOSE-009', 'sequence')]) {
        await expectPass(check, adapter, 300, seed);
      }
    });
  }
});
