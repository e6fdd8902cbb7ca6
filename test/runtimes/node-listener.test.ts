/** fromNodeListener: `handle` and `listen` for frameworks that only speak Node's `(req, res)` listener. */
import { requirements } from '../../conformance/requirements/index.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fromNodeListener } from '../../conformance/adapter/node-listener.ts';
import { resolveAdapter } from '../../conformance/adapter/load.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { allChecks } from '../../conformance/properties/index.ts';
import { runAdapter } from '../../conformance/runner/run.ts';
import { createApp } from '../../reference/index.ts';
import { nodeListener } from '../../reference/node/listen.ts';

const decoder = new TextDecoder();

describe('fromNodeListener with a plain node:http listener', () => {
  it('handle: status, headers (without the loopback connection fields) and a body that streams as the listener writes', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { handle } = fromNodeListener(() => (req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8', 'x-framework': 'plain', connection: 'keep-alive' });
      res.write(`first ${req.method} ${req.url}\n`);
      void released.then(() => res.end('second\n'));
    });
    const response = await handle({}, new Request('http://example.test/path?q=1'));
    expect(response.status).toBe(201);
    expect(response.headers.get('x-framework')).toBe('plain');
    expect(response.headers.get('connection')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBeNull();
    const reader = response.body!.getReader();
    // The first write arrives while the listener still holds the rest back.
    expect(decoder.decode((await reader.read()).value)).toBe('first GET /path?q=1\n');
    release();
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += decoder.decode(next.value);
    expect(rest).toBe('second\n');
  });

  it('handle: the request body reaches the listener; aborting the signal is a client that went away', async () => {
    let closed!: (early: boolean) => void;
    const sawClose = new Promise<boolean>((resolve) => (closed = resolve));
    const { handle } = fromNodeListener(() => async (req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      res.on('close', () => closed(!res.writableFinished));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(`got ${text}`);
    });
    const controller = new AbortController();
    const response = await handle({}, new Request('http://example.test/', { method: 'POST', body: 'hello', signal: controller.signal }));
    const reader = response.body!.getReader();
    expect(decoder.decode((await reader.read()).value)).toBe('got hello');
    controller.abort();
    expect(await sawClose).toBe(true);
  });

  it('listen: the listener on 127.0.0.1, closed by close()', async () => {
    const { listen } = fromNodeListener(() => (_req: IncomingMessage, res: ServerResponse) => res.end('served'));
    const server = await listen({});
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(server.url)).text()).toBe('served');
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
  });
});

describe('an adapter made with fromNodeListener', () => {
  it('the reference served only through its Node request listener passes HDR, SSE framing and WIRE-001/006 checks', { timeout: 120_000 }, async () => {
    const adapter = await resolveAdapter(
      defineAdapter({
        name: 'reference via a Node listener',
        createApp: () => createApp({ onError: () => {} }),
        ...fromNodeListener((app: ReturnType<typeof createApp>) => nodeListener(app, '127.0.0.1')),
      }),
      'node-listener',
    );
    const report = await runAdapter(adapter, allChecks, {
      seed: 11,
      runs: 10,
      level: 'must',
      only: ['HDR-00?', 'SSE-00?', 'WIRE-001', 'WIRE-006'],
      profiles: ['in-process', 'wire'],
    });
    const judged = report.requirements.filter((entry) => entry.verdict !== 'skipped');
    // Every selected requirement is judged (the count comes from the registry, not typed here).
    const selected = requirements.filter((requirement) => /^(HDR-00\d|SSE-00\d|WIRE-001|WIRE-006)$/.test(requirement.id) && requirement.profile !== 'browser');
    expect(judged.map((entry) => entry.id).sort()).toEqual(selected.map((requirement) => requirement.id).sort());
    expect(judged.filter((entry) => entry.verdict !== 'ok').map((entry) => `${entry.id}: ${entry.message}`)).toEqual([]);
  });
});

