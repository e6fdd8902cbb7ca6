/** Breaks WIRE-004: an HTTP/1.1 bridge that drops the chunk after a write the socket could not take at once. */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-004';

export default defineAdapter({
  name: 'broken/wire-http1-drops-under-back-pressure',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { dropAfterFullWrite: true }),
});
