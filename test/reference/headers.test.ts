/** Response headers of streams: defaults, case-insensitive overrides, forbidden headers. */
import { describe, expect, it } from 'vitest';
import type { Context, StreamingOptions } from '../../reference/index.ts';
import { expectTypeError, expectTypeErrorAsync, respond } from './helpers.ts';

/** The headers each kind of stream answers with for `headers` (body cancelled). */
const kinds: Record<string, (ctx: Context, headers: Record<string, string>) => Promise<Response> | Response> = {
  createStream: async (ctx, headers) => (await ctx.createStream({ headers })).response,
  streamResponse: (ctx, headers) => ctx.streamResponse(['x'], { headers }),
  chunkedResponse: (ctx, headers) => ctx.chunkedResponse(['x'], { headers }),
  sseResponse: (ctx, headers) => ctx.sseResponse(['x'], { headers }),
};

describe.each(Object.entries(kinds))('%s headers', (_kind, make) => {
  it('options.headers override the defaults case-insensitively, and no Content-Length is set', async () => {
    const response = await respond((ctx) => make(ctx, { 'content-type': 'application/x-custom', 'X-Extra': 'yes' }));
    expect(response.headers.get('Content-Type')).toBe('application/x-custom');
    expect([...response.headers.keys()].filter((k) => k === 'content-type')).toHaveLength(1);
    expect(response.headers.get('x-extra')).toBe('yes');
    expect(response.headers.has('content-length')).toBe(false);
    await response.body!.cancel();
  });

  it.each(['Connection', 'keep-alive', 'Transfer-Encoding', 'Upgrade', 'Proxy-Connection', 'TE'])('refuses the hop-by-hop header %s (RFC 9110 §7.6.1)', async (name) => {
    await respond(async (ctx) => {
      const error = await expectTypeErrorAsync(() => make(ctx, { [name]: 'close\r\n' }), 'INVALID_HEADER', `options.headers[${JSON.stringify(name)}]`, '"close\\r\\n"');
      expect(error.message).toContain('RFC 9110 §7.6.1');
      return new Response('');
    });
  });

  it('refuses Content-Length on a stream', async () => {
    await respond(async (ctx) => {
      await expectTypeErrorAsync(() => make(ctx, { 'Content-Length': '10' }), 'INVALID_HEADER', 'options.headers["Content-Length"]', '"10"');
      return new Response('');
    });
  });
});

describe('defaults', () => {
  it('manual, generator and chunked streams default to text/plain; charset=utf-8', async () => {
    for (const make of [kinds.createStream!, kinds.streamResponse!, kinds.chunkedResponse!]) {
      const response = await respond((ctx) => make(ctx, {}));
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      await response.body!.cancel();
    }
  });

  it('contentType sets the media type; headers override contentType', async () => {
    const options: StreamingOptions = { contentType: 'application/json', headers: { 'CONTENT-TYPE': 'application/x-ndjson' } };
    const response = await respond(async (ctx) => (await ctx.createStream(options)).response);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const plain = await respond((ctx) => ctx.streamResponse(['x'], { contentType: 'application/octet-stream' }));
    expect(plain.headers.get('content-type')).toBe('application/octet-stream');
    await Promise.all([response.body!.cancel(), plain.body!.cancel()]);
  });

  it('SSE responses: text/event-stream exactly, no-cache, X-Accel-Buffering: no; never a hop-by-hop header', async () => {
    const response = await respond((ctx) => ctx.sseResponse([]));
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
  });

  it('a header name that is not a token is refused', async () => {
    await respond((ctx) => {
      expectTypeError(() => ctx.streamResponse(['x'], { headers: { 'Bad Name': 'v' } }), 'INVALID_HEADER', 'options.headers name', '"Bad Name"');
      return new Response('');
    });
  });
});
