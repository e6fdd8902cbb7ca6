/** Breaks WIRE-002: an HTTP/1.1 bridge that ends a clean body by closing the connection, without the last chunk. */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-002';

export default defineAdapter({
  name: 'broken/wire-http1-no-last-chunk',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { noLastChunk: true }),
});
