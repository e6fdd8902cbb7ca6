/**
 * Breaks WIRE-008: an HTTP/1.1 bridge that ignores the client's socket
 * closing — the request's signal never aborts and the body is never
 * cancelled, so a generator's `finally` never runs.
 */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-008';

export default defineAdapter({
  name: 'broken/wire-http1-signal-not-aborted',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { ignoreClose: true }),
});
