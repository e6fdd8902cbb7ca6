/**
 * The command model's own pieces: the expected bytes of each call (the
 * simplest statement of spec §2) and the body matcher, on hand-checked
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

describe('matching a body against the model: what a client recovers', () => {
  const event = expectedSegment({ kind: 'writeSSE', data: 'a\nb', options: { id: '7', event: 'x', retry: 5 } });
  const bytes = expectedSegment({ kind: 'write', data: 'tail' });
  const ok = (body: string, segments = [event, bytes], options = {}) => matchBody(utf8(body), segments, options);

  it('an event: fields in any order, with or without the space, comments and data-less blocks before it, comments after it', () => {
    expect(ok('retry: 5\nid: 7\nevent: x\ndata: a\ndata: b\n\ntail')).toEqual({ ok: true });
    expect(ok('data: a\nid: 7\nevent: x\nretry: 5\ndata: b\n\ntail')).toEqual({ ok: true });
    expect(ok('event:x\nid:7\nretry:5\ndata:a\ndata:b\n\ntail')).toEqual({ ok: true });
    expect(ok(': hello\nretry: 5\n\nid: 7\nevent: x\n: mid\ndata: a\ndata: b\n\n: after\n\ntail')).toEqual({ ok: true });
    expect(ok('event: x\r\nid: 7\rretry: 5\r\ndata: a\ndata: b\r\rtail')).toEqual({ ok: true });
    expect(ok('event: x\nid: 7\nid: 7\nretry: 5\ndata: a\ndata: b\n\ntail')).toEqual({ ok: true });
  });

  it('an event whose client view differs fails, with the dispatched event in the message', () => {
    expect(ok('event: x\nid: 7\nretry: 5\ndata: b\ndata: a\n\ntail')).toMatchObject({ ok: false, message: expect.stringMatching(/dispatches \{type "x", data "b\\na"/) });
    expect(ok('event: y\nid: 7\nretry: 5\ndata: a\ndata: b\n\ntail').ok).toBe(false);
    expect(ok('event: x\nretry: 5\ndata: a\ndata: b\n\ntail')).toMatchObject({ ok: false, message: expect.stringMatching(/sets no id/) });
    expect(ok('event: x\nid: 8\nretry: 5\ndata: a\ndata: b\n\ntail').ok).toBe(false);
    expect(ok('event: x\nid: 7\ndata: a\ndata: b\n\ntail')).toMatchObject({ ok: false, message: expect.stringMatching(/sets no retry/) });
    expect(ok('event: x\nid: 7\nretry: 5\ndata:  a\ndata: b\n\ntail').ok).toBe(false);
    const plain = expectedSegment({ kind: 'writeSSE', data: 'a' });
    expect(ok('id: 1\ndata: a\n\n', [plain])).toMatchObject({ ok: false, message: expect.stringMatching(/though the call gave no id/) });
    expect(ok('retry: 1\ndata: a\n\n', [plain])).toMatchObject({ ok: false, message: expect.stringMatching(/though the call gave none/) });
    expect(ok('data: a\n', [plain])).toMatchObject({ ok: false, message: expect.stringMatching(/no event is dispatched/) });
  });

  it('extra bytes, a short body, a missing segment fail', () => {
    expect(matchBody(utf8(`${text(renderSegments([event, bytes]))}!`), [event, bytes])).toMatchObject({ ok: false, message: expect.stringMatching(/bytes no call wrote/) });
    expect(matchBody(utf8(text(renderSegments([event, bytes])).slice(0, -1)), [event, bytes]).ok).toBe(false);
    expect(ok('tail').ok).toBe(false);
  });

  it('a JSON chunk: any JSON text of the value on one line; base64 and hex: any line that decodes to the bytes', () => {
    const json = expectedSegment({ kind: 'writeChunk', value: { a: [1, 'x'], b: null } });
    expect(ok('{"b": null, "a": [1, "\\u0078"]}\n', [json])).toEqual({ ok: true });
    expect(ok('{"a":[1,"y"],"b":null}\n', [json])).toMatchObject({ ok: false, message: expect.stringMatching(/one line holding the JSON/) });
    expect(ok('{"a":[1,"x"],"b":null}', [json]).ok).toBe(false);
    const base64 = expectedSegment({ kind: 'writeChunk', value: new Uint8Array([0xfb, 0xff]), encoding: 'base64' });
    expect(ok('+/8=\n', [base64])).toEqual({ ok: true });
    expect(ok('-_8\n', [base64])).toEqual({ ok: true });
    expect(ok('+/7=\n', [base64])).toMatchObject({ ok: false, message: expect.stringMatching(/decodes to/) });
    expect(ok('+/8=!\n', [base64])).toMatchObject({ ok: false, message: expect.stringMatching(/not base64/) });
    const hex = expectedSegment({ kind: 'writeChunk', value: new Uint8Array([0xab, 0x01]), encoding: 'hex' });
    expect(ok('AB01\n', [hex])).toEqual({ ok: true });
    expect(ok('ab0\n', [hex]).ok).toBe(false);
  });

  it('heartbeat comments at the end only on an event stream', () => {
    expect(ok('data: x\n\n: ping\n', [expectedSegment({ kind: 'writeSSE', data: 'x' })])).toEqual({ ok: true });
    expect(ok('tail: ping\n', [bytes]).ok).toBe(false);
    expect(ok('tail: ping\n\n', [bytes], { eventStream: true })).toEqual({ ok: true });
    expect(ok(': ping\n', [], { eventStream: true })).toEqual({ ok: true });
    expect(ok(': ping\n', []).ok).toBe(false);
  });

  it('with allowPrefix, accepts any cut of a right body and nothing wrong', () => {
    const whole = renderSegments([event, bytes]);
    for (let cut = 0; cut <= whole.length; cut++) expect(matchBody(whole.subarray(0, cut), [event, bytes], { allowPrefix: true })).toEqual({ ok: true });
    expect(matchBody(utf8('event: y\ndata: a\n\n'), [event, bytes], { allowPrefix: true }).ok).toBe(false);
    expect(matchBody(utf8('id: 8\n'), [event, bytes], { allowPrefix: true }).ok).toBe(false);
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
