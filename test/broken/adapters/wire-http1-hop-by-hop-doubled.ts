/**
 * Breaks WIRE-005: an HTTP/1.1 bridge that forwards `Transfer-Encoding` and
 * `Connection` as an app set them and then adds its own, so both appear
 * twice (`Transfer-Encoding: chunked` twice reads as chunked twice).
 */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-005';

export default defineAdapter({
  name: 'broken/wire-http1-hop-by-hop-doubled',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { forwardHopByHop: true }),
});
