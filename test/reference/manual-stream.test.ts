/** ManualStream: writes, close/error/abort, back-pressure, coalescing, option validation. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamClosedError, type ManualStream, type StreamingOptions } from '../../reference/index.ts';
import { expectTypeError, readText, respond } from './helpers.ts';

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

/** A manual stream and its response, made by a handler. */
async function openStream(options?: StreamingOptions, signal?: AbortSignal): Promise<{ stream: ManualStream; response: Response }> {
  let stream!: ManualStream;
  const response = await respond(async (ctx) => {
    stream = await ctx.createStream(options);
    return stream.response;
  }, signal);
  return { stream, response };
}

describe('writing', () => {
  it('the response exists before the first write, and writes arrive one by one', async () => {
    const { stream, response } = await openStream();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const reader = response.body!.getReader();
    stream.write('one\n');
    expect(decode((await reader.read()).value)).toBe('one\n');
    stream.write(new Uint8Array([1, 2, 3, 4]));
    expect((await reader.read()).value).toEqual(new Uint8Array([1, 2, 3, 4]));
    stream.close();
    expect((await reader.read()).done).toBe(true);
  });

  it('an empty write sends no chunk at all', async () => {
    const { stream, response } = await openStream();
    stream.write('');
    stream.write(new Uint8Array(0));
    stream.write('x');
    stream.close();
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body!) chunks.push(chunk);
    expect(chunks.map(decode)).toEqual(['x']);
  });

  it('lone surrogates become U+FFFD, as TextEncoder does', async () => {
    const { stream, response } = await openStream();
    stream.write('a\uD800b\uDC00');
    stream.close();
    expect(await readText(response)).toBe('a\uFFFDb\uFFFD');
  });

  it('write rejects values other than strings and bytes (INVALID_CHUNK), writing nothing', async () => {
    const { stream, response } = await openStream();
    expectTypeError(() => stream.write(42 as unknown as string), 'INVALID_CHUNK', 'data', '42');
    expectTypeError(() => stream.write({ a: '\r\n' } as unknown as string), 'INVALID_CHUNK', 'data', '{"a":"\\r\\n"}');
    expectTypeError(() => stream.writeComment(5 as unknown as string), 'INVALID_OPTION', 'text', '5');
    stream.close();
    expect(await readText(response)).toBe('');
  });
});

describe('close, error, abort', () => {
  it('close ends the body normally; a second close does nothing; closed resolves', async () => {
    const { stream, response } = await openStream();
    stream.write('a');
    stream.close();
    stream.close();
    await stream.closed;
    expect(stream.state).toBe('closed');
    expect(await readText(response)).toBe('a');
  });

  it('after close every write throws StreamClosedError (STREAM_CLOSED) and sends nothing', async () => {
    const { stream, response } = await openStream();
    stream.write('a');
    stream.close();
    for (const write of [() => stream.write('b'), () => stream.writeChunk('b'), () => stream.writeSSE('b'), () => stream.writeComment('b')]) {
      expect(write).toThrow(StreamClosedError);
      expect(write).toThrow(expect.objectContaining({ code: 'STREAM_CLOSED', state: 'closed' }));
    }
    expect(await readText(response)).toBe('a');
  });

  it('error() ends the body abnormally; later writes throw; closed resolves, never rejects', async () => {
    const { stream, response } = await openStream();
    const reader = response.body!.getReader();
    stream.write('a');
    stream.error(new Error('disk on fire'));
    stream.close(); // does nothing now
    expect(stream.state).toBe('errored');
    await expect(stream.closed).resolves.toBeUndefined();
    expect(() => stream.write('b')).toThrow(expect.objectContaining({ code: 'STREAM_CLOSED', state: 'errored' }));
    await expect(reader.read()).rejects.toThrow('disk on fire');
  });

  it('the request signal aborting marks the stream aborted, aborts stream.signal, and writes then throw', async () => {
    const client = new AbortController();
    const { stream } = await openStream(undefined, client.signal);
    expect(stream.signal.aborted).toBe(false);
    client.abort();
    expect(stream.state).toBe('aborted');
    expect(stream.signal.aborted).toBe(true);
    await stream.closed;
    expect(() => stream.writeSSE('x')).toThrow(expect.objectContaining({ code: 'STREAM_CLOSED', state: 'aborted' }));
    stream.close(); // the guide's cleanup calls close() after an abort: it must not throw
  });

  it('cancelling the body (the client went away) marks the stream aborted', async () => {
    const { stream, response } = await openStream();
    await response.body!.cancel('gone');
    expect(stream.state).toBe('aborted');
    expect(stream.signal.aborted).toBe(true);
    expect(() => stream.write('x')).toThrow(StreamClosedError);
  });
});

describe('back-pressure: desiredSize and ready', () => {
  it('ready pends while queued bytes reach bufferSize and resolves once the consumer reads', async () => {
    const { stream, response } = await openStream({ bufferSize: 4 });
    expect(stream.desiredSize).toBe(4);
    await stream.ready; // resolves at once when below the mark
    stream.write('abc');
    expect(stream.desiredSize).toBe(1);
    stream.write('def'); // over the mark: accepted, never blocked or failed
    expect(stream.desiredSize).toBe(-2);
    let ready = false;
    const readyPromise = stream.ready.then(() => (ready = true));
    await Promise.resolve();
    expect(ready).toBe(false);
    const reader = response.body!.getReader();
    expect(decode((await reader.read()).value)).toBe('abc');
    expect(decode((await reader.read()).value)).toBe('def');
    await readyPromise;
    expect(ready).toBe(true);
    expect(stream.desiredSize).toBe(4);
  });

  it('ready resolves when the stream ends, so a waiting writer wakes up', async () => {
    const { stream } = await openStream({ bufferSize: 1 });
    stream.write('xx');
    const waiting = stream.ready;
    stream.close();
    await expect(waiting).resolves.toBeUndefined();
    expect(stream.desiredSize).toBe(0);
  });
});

describe('coalescing with flushInterval', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('buffers writes into one chunk flushed flushInterval ms after the first buffered byte', async () => {
    vi.useFakeTimers();
    const { stream, response } = await openStream({ flushInterval: 100 });
    const reader = response.body!.getReader();
    stream.write('a');
    vi.advanceTimersByTime(50);
    stream.write('b');
    let got: string | undefined;
    const read = reader.read().then((r) => (got = decode(r.value)));
    await vi.advanceTimersByTimeAsync(49);
    expect(got).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await read;
    expect(got).toBe('ab');
    stream.close();
  });

  it('flushes at bufferSize and on close', async () => {
    vi.useFakeTimers();
    const { stream, response } = await openStream({ flushInterval: 1000, bufferSize: 4 });
    stream.write('ab');
    stream.write('cd'); // reaches bufferSize: flushed now
    stream.write('e');
    stream.close(); // flushes "e"
    const chunks: string[] = [];
    for await (const chunk of response.body!) chunks.push(decode(chunk));
    expect(chunks).toEqual(['abcd', 'e']);
  });

  it('without flushInterval nothing is coalesced', async () => {
    const { stream, response } = await openStream({ bufferSize: 1024 });
    stream.write('a');
    stream.write('b');
    stream.close();
    const chunks: string[] = [];
    for await (const chunk of response.body!) chunks.push(decode(chunk));
    expect(chunks).toEqual(['a', 'b']);
  });
});

describe('createStream options are validated at the call', () => {
  const cases: { options: unknown; code: 'INVALID_OPTION' | 'INVALID_HEADER'; field: string; shown: string }[] = [
    { options: 'text/plain', code: 'INVALID_OPTION', field: 'options', shown: '"text/plain"' },
    { options: null, code: 'INVALID_OPTION', field: 'options', shown: 'null' },
    { options: { bufferSize: 0 }, code: 'INVALID_OPTION', field: 'options.bufferSize', shown: '0' },
    { options: { bufferSize: -1 }, code: 'INVALID_OPTION', field: 'options.bufferSize', shown: '-1' },
    { options: { bufferSize: 1.5 }, code: 'INVALID_OPTION', field: 'options.bufferSize', shown: '1.5' },
    { options: { bufferSize: 2 ** 53 }, code: 'INVALID_OPTION', field: 'options.bufferSize', shown: '9007199254740992' },
    { options: { bufferSize: '64' }, code: 'INVALID_OPTION', field: 'options.bufferSize', shown: '"64"' },
    { options: { flushInterval: -1 }, code: 'INVALID_OPTION', field: 'options.flushInterval', shown: '-1' },
    { options: { flushInterval: Infinity }, code: 'INVALID_OPTION', field: 'options.flushInterval', shown: 'Infinity' },
    { options: { flushInterval: Number.NaN }, code: 'INVALID_OPTION', field: 'options.flushInterval', shown: 'NaN' },
    { options: { contentType: 42 }, code: 'INVALID_OPTION', field: 'options.contentType', shown: '42' },
    { options: { contentType: 'text/plain\r\nX-Evil: 1' }, code: 'INVALID_HEADER', field: 'options.contentType', shown: '"text/plain\\r\\nX-Evil: 1"' },
    { options: { headers: 'x' }, code: 'INVALID_OPTION', field: 'options.headers', shown: '"x"' },
    { options: { headers: { 'X-A': 1 } }, code: 'INVALID_HEADER', field: 'options.headers["X-A"]', shown: '1' },
    { options: { headers: { 'X-A': 'a\nb' } }, code: 'INVALID_HEADER', field: 'options.headers["X-A"]', shown: '"a\\nb"' },
  ];
  for (const { options, code, field, shown } of cases) {
    it(`${JSON.stringify(options) ?? String(options)} → ${code} naming ${field}`, async () => {
      await respond(async (ctx) => {
        const error = await ctx.createStream(options as StreamingOptions).then(
          () => undefined,
          (e: unknown) => e,
        );
        expectTypeError(() => {
          throw error;
        }, code, field, shown);
        return new Response('');
      });
    });
  }

  it('a flushInterval of 0 and any positive bufferSize are accepted', async () => {
    const { stream } = await openStream({ flushInterval: 0, bufferSize: 1 });
    expect(stream.state).toBe('open');
    stream.close();
  });
});
