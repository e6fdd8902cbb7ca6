/** Breaks WIRE-003: an HTTP/1.1 bridge that sends the last chunk even when the body errored (a clean-looking end). */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-003';

export default defineAdapter({
  name: 'broken/wire-http1-last-chunk-on-error',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { lastChunkOnError: true }),
});
