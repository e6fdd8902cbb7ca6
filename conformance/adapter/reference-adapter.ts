/** `--adapter reference`: the bundled reference implementation. */
import { createApp, serve } from '../../reference/index.ts';
import { defineAdapter } from './contract.ts';

type ReferenceApp = ReturnType<typeof createApp>;

export default defineAdapter<ReferenceApp>({
  name: 'reference',
  // Errors the reference reports (a generator that throws, ...) are expected
  // in the suite's own checks; they are judged from the response, not logged.
  createApp: () => createApp({ onError: () => {} }),
  handle: (app, request) => app.handler(request),
  listen: async (app) => {
    const server = await serve(app, { port: 0, hostname: '127.0.0.1' });
    return { url: server.url, close: () => server.close() };
  },
});
