/** streamResponse / chunkedResponse / sseResponse: pulled, not drained; return() on abort; errors surface. */
import { describe, expect, it } from 'vitest';
import { NotIterableError } from '../../reference/index.ts';
import { claimPullSource } from '../../reference/pull-stream.ts';
import { expectTypeError, readText, recordingApp, respond } from './helpers.ts';
import { streamOf } from './helpers.ts';

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

/** An endless generator that counts its `next()` calls and whether its `finally` ran. */
function countingGenerator() {
  const stats = { pulled: 0, finallyRan: false };
  async function* generate() {
    try {
      for (;;) {
        stats.pulled++;
        yield `${stats.pulled}\n`;
      }
    } finally {
      stats.finallyRan = true;
    }
  }
  return { stats, generator: generate() };
}

describe('pull-based generators', () => {
  it('pulls one value per read and never reads ahead', async () => {
    const { stats, generator } = countingGenerator();
    const response = await respond((ctx) => ctx.streamResponse(generator));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stats.pulled).toBe(0); // nothing is pulled before the consumer reads
    const reader = response.body!.getReader();
    for (let i = 1; i <= 5; i++) expect(decode((await reader.read()).value)).toBe(`${i}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stats.pulled).toBe(5);
    await reader.cancel();
  });

  it('cancelling the body calls return(), so the generator\'s finally runs', async () => {
    const { stats, generator } = countingGenerator();
    const response = await respond((ctx) => ctx.sseResponse(generator));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(stats.finallyRan).toBe(true);
  });

  it('the request signal aborting calls return() and ends the body', async () => {
    const client = new AbortController();
    const { stats, generator } = countingGenerator();
    const response = await respond((ctx) => ctx.chunkedResponse(generator), client.signal);
    const reader = response.body!.getReader();
    await reader.read();
    client.abort();
    await expect(reader.read()).rejects.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stats.finallyRan).toBe(true);
  });

  it('return() of a generator waiting between yields runs its finally once it resumes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finallyRan = false;
    const response = await respond((ctx) =>
      ctx.streamResponse(
        (async function* () {
          try {
            yield 'a';
            await gate;
            yield 'b';
          } finally {
            finallyRan = true;
          }
        })(),
      ),
    );
    const reader = response.body!.getReader();
    await reader.read();
    const pending = reader.read(); // the generator now waits at the gate
    const cancelled = reader.cancel();
    await pending;
    release();
    await cancelled;
    expect(finallyRan).toBe(true);
  });

  it('a generator that throws errors the body (no clean end) and is reported with phase "stream"', async () => {
    const { app, errors } = recordingApp();
    app.get('/t', (ctx) =>
      ctx.streamResponse(
        (async function* () {
          yield 'partial';
          throw new Error('Processing failed');
        })(),
      ),
    );
    const response = await app.handler(new Request('http://t.local/t'));
    const reader = response.body!.getReader();
    expect(decode((await reader.read()).value)).toBe('partial');
    await expect(reader.read()).rejects.toThrow('Processing failed');
    expect(errors).toEqual([{ error: expect.objectContaining({ message: 'Processing failed' }), phase: 'stream' }]);
  });

  it('a yielded value that is not a string or bytes: TypeError naming its type, reported, generator stopped', async () => {
    const { app, errors } = recordingApp();
    let finallyRan = false;
    app.get('/t', (ctx) =>
      ctx.streamResponse(
        (async function* () {
          try {
            yield 'ok';
            yield 42 as unknown as string;
          } finally {
            finallyRan = true;
          }
        })(),
      ),
    );
    const response = await app.handler(new Request('http://t.local/t'));
    await expect(response.text()).rejects.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.phase).toBe('stream');
    expect(errors[0]!.error).toBeInstanceOf(TypeError);
    expect(errors[0]!.error).toMatchObject({ code: 'INVALID_CHUNK' });
    expect((errors[0]!.error as Error).message).toContain('not a number');
    expect(finallyRan).toBe(true);
  });

  it('accepts sync iterables, ReadableStreams, bytes, and skips empty chunks', async () => {
    const fromArray = await respond((ctx) => ctx.streamResponse(['a', '', new Uint8Array([0x62]), 'c']));
    const chunks: string[] = [];
    for await (const chunk of fromArray.body!) chunks.push(decode(chunk));
    expect(chunks).toEqual(['a', 'b', 'c']);
    const fromStream = await respond((ctx) => ctx.streamResponse(streamOf(['x', 'y'])));
    expect(await readText(fromStream)).toBe('xy');
  });

  it('a source that is not iterable is refused at the call (NOT_ITERABLE)', async () => {
    await respond((ctx) => {
      expectTypeError(() => ctx.streamResponse(42 as unknown as string[]), 'NOT_ITERABLE', 'iterable', '42');
      expectTypeError(() => ctx.streamResponse('text\n' as unknown as string[]), 'NOT_ITERABLE', 'iterable', '"text\\n"');
      expectTypeError(() => ctx.chunkedResponse({} as unknown as string[]), 'NOT_ITERABLE', 'chunks', '{}');
      expect(() => ctx.sseResponse(null as unknown as string[])).toThrow(NotIterableError);
      return new Response('');
    });
  });

  it('streamResponse validates its options at the call', async () => {
    await respond((ctx) => {
      expectTypeError(() => ctx.streamResponse(['x'], { bufferSize: -4 }), 'INVALID_OPTION', 'options.bufferSize', '-4');
      expectTypeError(() => ctx.streamResponse(['x'], { headers: { 'X-A': 'b\r' } }), 'INVALID_HEADER', 'options.headers["X-A"]', '"b\\r"');
      return new Response('');
    });
  });
});

describe('claimPullSource (the Node bridge pulls generator bodies directly)', () => {
  it('claims a generator body once; a later read of the web stream errors instead of pulling the generator twice', async () => {
    let pulled = 0;
    const response = await respond((ctx) =>
      ctx.sseResponse(
        (function* () {
          for (;;) {
            pulled += 1;
            yield pulled;
          }
        })(),
      ),
    );
    const source = claimPullSource(response.body!);
    expect(source).toBeDefined();
    expect(claimPullSource(response.body!)).toBeUndefined();
    await expect(response.body!.getReader().read()).rejects.toThrow(/claimPullSource/);
    expect(pulled).toBe(0);
    expect(await source!.next()).toBe('data: 1\n\n');
    await source!.cancel();
  });

  it('does not claim a body that is already being read', async () => {
    const response = await respond((ctx) => ctx.streamResponse(['a', 'b']));
    const reader = response.body!.getReader();
    expect(claimPullSource(response.body!)).toBeUndefined();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('a');
  });
});
