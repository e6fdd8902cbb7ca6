/** createApp: routing, ctx, body parsing, handler errors. */
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../reference/index.ts';
import { splitUrl } from '../../reference/app.ts';
import fc from 'fast-check';
import { recordingApp } from './helpers.ts';

const get = (path: string, init?: RequestInit): Request => new Request(`http://app.local${path}`, init);

describe('routing', () => {
  it('matches :params exactly by segment and URL-decodes them', async () => {
    const { app } = recordingApp();
    app.get('/chat/:room', (ctx) => ctx.json({ room: ctx.params.room }));
    app.get('/task/:id/progress', (ctx) => ctx.json(ctx.params));
    expect(await (await app.handler(get('/chat/caf%C3%A9%20one'))).json()).toEqual({ room: 'café one' });
    expect(await (await app.handler(get('/task/42/progress'))).json()).toEqual({ id: '42' });
    expect((await app.handler(get('/task/42'))).status).toBe(404);
    expect((await app.handler(get('/chat/a/b'))).status).toBe(404);
    expect((await app.handler(get('/chat/'))).status).toBe(404);
  });

  it('404 is JSON naming the path; 405 lists the allowed methods', async () => {
    const { app } = recordingApp();
    app.get('/x', (ctx) => ctx.json(1)).post('/x', (ctx) => ctx.json(2));
    const notFound = await app.handler(get('/nope'));
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toBe('application/json');
    expect(await notFound.json()).toEqual({ error: 'Not Found', path: '/nope' });
    const notAllowed = await app.handler(get('/x', { method: 'DELETE' }));
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toBe('GET, POST');
  });

  it('every method registers and the registration methods chain', async () => {
    const app = createApp();
    const chained = app
      .get('/m', (ctx) => ctx.json('get'))
      .post('/m', (ctx) => ctx.json('post'))
      .put('/m', (ctx) => ctx.json('put'))
      .patch('/m', (ctx) => ctx.json('patch'))
      .delete('/m', (ctx) => ctx.json('delete'));
    expect(chained).toBe(app);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(await (await app.handler(get('/m', { method }))).json()).toBe(method.toLowerCase());
    }
  });

  it('malformed percent-encoding in a param is a 400', async () => {
    const { app } = recordingApp();
    app.get('/chat/:room', (ctx) => ctx.json(ctx.params));
    expect((await app.handler(get('/chat/%E0%A4%A'))).status).toBe(400);
  });

  it('handler is bound: it can be passed around', async () => {
    const { app } = recordingApp();
    app.get('/', (ctx) => ctx.json('root'));
    const { handler } = app;
    expect(await (await handler(get('/'))).json()).toBe('root');
  });
});

describe('ctx', () => {
  it('query, req, json with init and Content-Length', async () => {
    const { app } = recordingApp();
    app.get('/q', (ctx) => ctx.json({ fail: ctx.query.get('fail'), method: ctx.req.method }, { status: 201, headers: { 'X-A': 'b' } }));
    const response = await app.handler(get('/q?fail=3'));
    expect(response.status).toBe(201);
    expect(response.headers.get('x-a')).toBe('b');
    expect(response.headers.get('content-length')).toBe(String('{"fail":"3","method":"GET"}'.length));
    expect(await response.json()).toEqual({ fail: '3', method: 'GET' });
  });

  it.each([
    ['application/json', '{"message":"hi","user":"ann"}', { message: 'hi', user: 'ann' }],
    ['application/merge-patch+json; charset=utf-8', '[1,2]', [1, 2]],
    ['text/plain', 'hello', 'hello'],
    ['application/octet-stream', '\u0001\u0002', new Uint8Array([1, 2])],
  ])('body of %s is parsed before the handler', async (contentType, body, expected) => {
    const { app } = recordingApp();
    let seen: unknown;
    app.post('/b', (ctx) => {
      seen = ctx.body;
      return ctx.json(null);
    });
    await app.handler(get('/b', { method: 'POST', body, headers: { 'content-type': contentType } }));
    expect(seen).toEqual(expected);
  });

  it('no body → undefined; malformed JSON → 400 naming the problem, handler not run', async () => {
    const { app } = recordingApp();
    const seen: unknown[] = [];
    app.post('/b', (ctx) => {
      seen.push(ctx.body);
      return ctx.json(null);
    });
    await app.handler(get('/b', { method: 'POST' }));
    expect(seen).toEqual([undefined]);
    const bad = await app.handler(get('/b', { method: 'POST', body: '{"a":', headers: { 'content-type': 'application/json' } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not valid JSON/);
    expect(seen).toHaveLength(1);
  });
});

describe('handler errors', () => {
  it('a handler that throws → 500 JSON {error: message}, reported with phase "handler"', async () => {
    const { app, errors } = recordingApp();
    app.get('/boom', () => {
      throw new Error('kaboom');
    });
    const response = await app.handler(get('/boom'));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'kaboom' });
    expect(errors).toEqual([{ error: expect.objectContaining({ message: 'kaboom' }), phase: 'handler' }]);
  });

  it('a handler that returns something other than a Response → 500 and a TypeError reported', async () => {
    const { app, errors } = recordingApp();
    app.get('/odd', () => 'text' as unknown as Response);
    expect((await app.handler(get('/odd'))).status).toBe(500);
    expect(errors[0]!.error).toBeInstanceOf(TypeError);
    expect((errors[0]!.error as Error).message).toContain('returned string');
  });

  it('the default onError is console.error; an onError that throws does not break the response', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const app = createApp();
      app.get('/boom', () => Promise.reject(new Error('async kaboom')));
      expect((await app.handler(get('/boom'))).status).toBe(500);
      expect(spy).toHaveBeenCalledWith(expect.objectContaining({ message: 'async kaboom' }));
      const throwing = createApp({
        onError: () => {
          throw new Error('reporter broke');
        },
      });
      throwing.get('/boom', () => {
        throw new Error('x');
      });
      expect((await throwing.handler(get('/boom'))).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('splitUrl (the router reads path and query without parsing request.url again)', () => {
  const segment = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '%', '2', '0', '/', '.', '?', '#', '&', '=', ' ', 'é', '\u{1F600}', ':', '@', '[', ']') });
  it('agrees with URL on every serialized http(s) URL', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'https', 'ws', 'file'), fc.constantFrom('127.0.0.1:8080', 'example.com', '[::1]', 'u:p@host'), segment, (scheme, host, rest) => {
        let href: string;
        try {
          href = new URL(`${scheme}://${host}/${rest}`).href;
        } catch {
          return;
        }
        const url = new URL(href);
        expect(splitUrl(href)).toEqual({ pathname: url.pathname, search: url.search });
      }),
      { numRuns: 500 },
    );
  });
});
