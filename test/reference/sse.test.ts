/** SSE encoding of writeSSE / sseResponse (WHATWG HTML §9.2.5-9.2.6), judged by eventsource-parser. */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sseEvent, ServerSentEvent, type ManualStream } from '../../reference/index.ts';
import { encodePlainSseEvent, encodeSseData, encodeSseEvent } from '../../reference/sse.ts';
import { expectTypeError, readText, recordingApp, respond } from './helpers.ts';

/** What a WHATWG client reads from `text`: events, the retry it was told, comments. */
function parseEventStream(text: string): { events: EventSourceMessage[]; retries: number[]; comments: string[]; lastId: string | undefined } {
  const events: EventSourceMessage[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  let lastId: string | undefined;
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onRetry: (retry) => retries.push(retry),
    onComment: (comment) => comments.push(comment),
    onId: (id) => (lastId = id),
  });
  parser.feed(text);
  return { events, retries, comments, lastId };
}

/** Runs `write` on a fresh manual stream, closes it, returns the body text. */
async function manualBody(write: (stream: ManualStream) => void, contentType = 'text/event-stream'): Promise<string> {
  const response = await respond(async (ctx) => {
    const stream = await ctx.createStream({ contentType });
    write(stream);
    stream.close();
    return stream.response;
  });
  return readText(response);
}

describe('writeSSE encoding', () => {
  it('writes fields in the order event, id, retry, then data, then a blank line', async () => {
    const body = await manualBody((s) => s.writeSSE('hi', { retry: 5, id: '7', event: 'greet' }));
    expect(body).toBe('event: greet\nid: 7\nretry: 5\ndata: hi\n\n');
  });

  it('splits a string on CRLF, CR and LF into data lines, "data: " even for empty lines', async () => {
    const body = await manualBody((s) => s.writeSSE('a\r\nb\rc\nd\n'));
    expect(body).toBe('data: a\ndata: b\ndata: c\ndata: d\ndata: \n\n');
    expect(parseEventStream(body).events.map((e) => e.data)).toEqual(['a\nb\nc\nd\n']);
  });

  it('sends the empty string as an event with empty data', async () => {
    const body = await manualBody((s) => s.writeSSE(''));
    expect(body).toBe('data: \n\n');
    expect(parseEventStream(body).events).toEqual([{ data: '', event: undefined, id: undefined }]);
  });

  it('sends values other than strings as JSON', async () => {
    const body = await manualBody((s) => {
      s.writeSSE({ message: 'Hello', n: 1 });
      s.writeSSE(42);
      s.writeSSE(null);
      s.writeSSE(['x\ny']);
    });
    expect(parseEventStream(body).events.map((e) => JSON.parse(e.data) as unknown)).toEqual([{ message: 'Hello', n: 1 }, 42, null, ['x\ny']]);
  });

  it('the guide\'s writeSSE call gives one event with its event and id', async () => {
    const body = await manualBody((s) => s.writeSSE({ message: 'Hello', timestamp: 1 }, { event: 'notification', id: 'msg-1' }));
    expect(parseEventStream(body)).toMatchObject({ events: [{ event: 'notification', id: 'msg-1', data: '{"message":"Hello","timestamp":1}' }] });
  });

  it('[property] every string is one event whose data reads back with CR and CRLF as LF', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }), fc.string({ unit: fc.constantFrom('a', '\r', '\n', ' ', ':') }), async (values, tricky) => {
        const all = [...values, tricky];
        const body = await manualBody((s) => all.forEach((value) => s.writeSSE(value)));
        const { events } = parseEventStream(body);
        expect(events.map((e) => e.data)).toEqual(all.map((value) => value.replace(/\r\n|\r/g, '\n')));
      }),
      { numRuns: 60 },
    );
  });

  it('[property] lone surrogates become U+FFFD, one event each', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (value) => {
        const body = await manualBody((s) => s.writeSSE(value));
        const expected = new TextDecoder().decode(new TextEncoder().encode(value)).replace(/\r\n|\r/g, '\n');
        expect(parseEventStream(body).events.map((e) => e.data)).toEqual([expected]);
      }),
      { numRuns: 60 },
    );
  });

  it('writeComment writes one comment line per line, ":" for empty text, a blank line after, and no event', async () => {
    const body = await manualBody((s) => {
      s.writeComment('keep-alive');
      s.writeComment();
      s.writeComment('a\r\nb');
    });
    expect(body).toBe(': keep-alive\n\n:\n\n: a\n: b\n\n');
    expect(parseEventStream(body)).toMatchObject({ events: [], comments: ['keep-alive', '', 'a', 'b'] });
  });

  it('a manual stream with contentType text/event-stream gets the SSE headers', async () => {
    const response = await respond(async (ctx) => (await ctx.createStream({ contentType: 'text/event-stream' })).response);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    await response.body!.cancel();
  });
});

describe('writeSSE rejects injection and unserializable data, writing nothing', () => {
  const cases: { name: string; call: (s: ManualStream) => void; code: 'INVALID_SSE_FIELD' | 'UNSERIALIZABLE_VALUE'; field: string; shown: string }[] = [
    { name: 'event with LF', call: (s) => s.writeSSE('x', { event: 'a\ndata: evil' }), code: 'INVALID_SSE_FIELD', field: 'options.event', shown: '"a\\ndata: evil"' },
    { name: 'event with CR', call: (s) => s.writeSSE('x', { event: 'a\rb' }), code: 'INVALID_SSE_FIELD', field: 'options.event', shown: '"a\\rb"' },
    { name: 'id with CRLF', call: (s) => s.writeSSE('x', { id: '1\r\n' }), code: 'INVALID_SSE_FIELD', field: 'options.id', shown: '"1\\r\\n"' },
    { name: 'id with NUL', call: (s) => s.writeSSE('x', { id: 'a\0b' }), code: 'INVALID_SSE_FIELD', field: 'options.id', shown: '"a\\u0000b"' },
    { name: 'id not a string', call: (s) => s.writeSSE('x', { id: 7 as unknown as string }), code: 'INVALID_SSE_FIELD', field: 'options.id', shown: '7' },
    { name: 'event not a string', call: (s) => s.writeSSE('x', { event: {} as unknown as string }), code: 'INVALID_SSE_FIELD', field: 'options.event', shown: '{}' },
    { name: 'negative retry', call: (s) => s.writeSSE('x', { retry: -1 }), code: 'INVALID_SSE_FIELD', field: 'options.retry', shown: '-1' },
    { name: 'fractional retry', call: (s) => s.writeSSE('x', { retry: 1.5 }), code: 'INVALID_SSE_FIELD', field: 'options.retry', shown: '1.5' },
    { name: 'NaN retry', call: (s) => s.writeSSE('x', { retry: Number.NaN }), code: 'INVALID_SSE_FIELD', field: 'options.retry', shown: 'NaN' },
    { name: 'string retry', call: (s) => s.writeSSE('x', { retry: '10' as unknown as number }), code: 'INVALID_SSE_FIELD', field: 'options.retry', shown: '"10"' },
    { name: 'undefined data', call: (s) => s.writeSSE(undefined), code: 'UNSERIALIZABLE_VALUE', field: 'data', shown: 'undefined' },
    { name: 'function data', call: (s) => s.writeSSE(function f() {}), code: 'UNSERIALIZABLE_VALUE', field: 'data', shown: '[function f]' },
    { name: 'symbol data', call: (s) => s.writeSSE(Symbol('s')), code: 'UNSERIALIZABLE_VALUE', field: 'data', shown: 'Symbol(s)' },
    { name: 'BigInt data', call: (s) => s.writeSSE(10n), code: 'UNSERIALIZABLE_VALUE', field: 'data', shown: '10n' },
    { name: 'cyclic data', call: (s) => { const o: Record<string, unknown> = {}; o.self = o; s.writeSSE(o); }, code: 'UNSERIALIZABLE_VALUE', field: 'data', shown: '[object]' },
  ];
  for (const { name, call, code, field, shown } of cases) {
    it(`${name} → ${code}`, async () => {
      const body = await manualBody((s) => {
        s.writeSSE('before');
        expectTypeError(() => call(s), code, field, shown);
        s.writeSSE('after');
      });
      expect(body).toBe('data: before\n\ndata: after\n\n');
    });
  }

  it('a retry of 0 and the largest safe integer are accepted', async () => {
    const body = await manualBody((s) => s.writeSSE('x', { retry: 0 }) ?? s.writeSSE('y', { retry: Number.MAX_SAFE_INTEGER }));
    expect(body).toBe(`retry: 0\ndata: x\n\nretry: ${Number.MAX_SAFE_INTEGER}\ndata: y\n\n`);
  });
});

describe('sseResponse', () => {
  it('sends retry (and an initial id) once, first, then one event per value with the response-level event', async () => {
    const response = await respond((ctx) =>
      ctx.sseResponse(
        (async function* () {
          yield { id: 1, message: 'Event 1' };
          yield 'two\nlines';
        })(),
        { retry: 3000, id: 'start', event: 'progress', headers: { 'X-SSE-Stream': 'events' } },
      ),
    );
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-sse-stream')).toBe('events');
    const body = await readText(response);
    expect(body).toBe('id: start\nretry: 3000\n\nevent: progress\ndata: {"id":1,"message":"Event 1"}\n\nevent: progress\ndata: two\ndata: lines\n\n');
    const parsed = parseEventStream(body);
    expect(parsed.retries).toEqual([3000]);
    // An object with an `id` field is data: the only SSE id is the initial one.
    expect(parsed.lastId).toBe('start');
    expect(parsed.events.map((e) => [e.event, e.id])).toEqual([['progress', undefined], ['progress', undefined]]);
  });

  it('sseEvent values carry their own fields; their event overrides the response-level one', async () => {
    const response = await respond((ctx) =>
      ctx.sseResponse([sseEvent({ data: { n: 1 }, id: '1', event: 'tick' }), sseEvent({ data: 'plain', retry: 10 }), 'bare'], { event: 'default' }),
    );
    const body = await readText(response);
    expect(body).toBe('event: tick\nid: 1\ndata: {"n":1}\n\nevent: default\nretry: 10\ndata: plain\n\nevent: default\ndata: bare\n\n');
  });

  it('sseEvent returns a ServerSentEvent and validates at the call', () => {
    expect(sseEvent({ data: 'x' })).toBeInstanceOf(ServerSentEvent);
    expectTypeError(() => sseEvent({ data: 'x', id: 'a\nb' }), 'INVALID_SSE_FIELD', 'sseEvent init.id', '"a\\nb"');
    expectTypeError(() => sseEvent({ data: undefined }), 'UNSERIALIZABLE_VALUE', 'sseEvent data', 'undefined');
    expectTypeError(() => sseEvent({} as { data: unknown }), 'INVALID_OPTION', 'sseEvent init.data', 'undefined');
  });

  it('rejects bad options at the call, before the generator runs', async () => {
    let started = false;
    const gen = (async function* () {
      started = true;
      yield 'x';
    })();
    await respond((ctx) => {
      expectTypeError(() => ctx.sseResponse(gen, { event: 'a\r\nb' }), 'INVALID_SSE_FIELD', 'options.event', '"a\\r\\nb"');
      expectTypeError(() => ctx.sseResponse(gen, { retry: -5 }), 'INVALID_SSE_FIELD', 'options.retry', '-5');
      expectTypeError(() => ctx.sseResponse(gen, { id: 'x\0' }), 'INVALID_SSE_FIELD', 'options.id', '"x\\u0000"');
      return new Response('ok');
    });
    expect(started).toBe(false);
  });

  it('a yielded value JSON cannot carry errors the body and is reported', async () => {
    const { app, errors } = recordingApp();
    app.get('/t', (ctx) => ctx.sseResponse([1, 2n, 3]));
    const response = await app.handler(new Request('http://t.local/t'));
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: 1\n\n');
    await expect(reader.read()).rejects.toMatchObject({ code: 'UNSERIALIZABLE_VALUE' });
    expect(errors).toEqual([{ error: expect.objectContaining({ code: 'UNSERIALIZABLE_VALUE' }), phase: 'stream' }]);
  });
});

describe('encodePlainSseEvent (the one-step encoding of an event without fields)', () => {
  it('is exactly encodeSseEvent(encodeSseData(…), {}) for any value', () => {
    const value = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('a\nb', 'a\r\nb', '\r', ''), fc.jsonValue());
    fc.assert(
      fc.property(value, (data) => {
        expect(encodePlainSseEvent('data', data)).toBe(encodeSseEvent(encodeSseData('data', data), {}));
      }),
    );
    expect(() => encodePlainSseEvent('data', 1n)).toThrow(expect.objectContaining({ code: 'UNSERIALIZABLE_VALUE' }));
  });
});
