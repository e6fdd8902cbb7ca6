/** Breaks WIRE-012: an h2c bridge that ends the stream with END_STREAM when the body errored, instead of RST_STREAM. */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { http2Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-012';

export default defineAdapter({
  name: 'broken/wire-h2-clean-end-on-error',
  createApp: () => createApp({ onError: () => {} }),
  listenHttp2: (app) => http2Bridge(app, { endCleanlyOnError: true }),
});
