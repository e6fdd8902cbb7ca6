/**
 * `--adapter reference`: the bundled reference implementation. It is served
 * by the default `listen` (default-listen.ts): the reference's own Node
 * bridge on Node, the runtime's own server on Bun and Deno.
 */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from './contract.ts';

type ReferenceApp = ReturnType<typeof createApp>;

export default defineAdapter<ReferenceApp>({
  name: 'reference',
  // Errors the reference reports (a generator that throws, ...) are expected
  // in the suite's own checks; they are judged from the response, not logged.
  createApp: () => createApp({ onError: () => {} }),
  handle: (app, request) => app.handler(request),
});
