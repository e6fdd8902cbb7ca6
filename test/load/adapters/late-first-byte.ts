/**
 * A load target that is correct but slow to answer: the reference with every
 * scenario route held back 600 ms before its handler runs (`/metrics` is not),
 * so the status line and headers — k6's `http_req_waiting` — come late while
 * every body is right. The real-k6 tests run it to see the first-byte
 * threshold (`p(95)<500`) crossed and named.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { createApp, serve, type App } from '../../../reference/index.ts';

export const FIRST_BYTE_DELAY_MS = 600;

export default defineAdapter<App>({
  name: 'late-first-byte',
  createApp: () => {
    const app = createApp({ onError: () => {} });
    const get = app.get.bind(app);
    app.get = (path, handler) =>
      get(path, path === '/metrics' ? handler : async (ctx) => {
        await delay(FIRST_BYTE_DELAY_MS);
        return handler(ctx);
      });
    return app;
  },
  listen: async (app) => {
    const server = await serve(app, { port: 0, hostname: '127.0.0.1' });
    return { url: server.url, close: () => server.close() };
  },
});
