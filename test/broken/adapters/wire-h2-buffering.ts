/** Breaks WIRE-010: an h2c bridge that collects the whole body before sending any DATA. */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { http2Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-010';

export default defineAdapter({
  name: 'broken/wire-h2-buffering',
  createApp: () => createApp({ onError: () => {} }),
  listenHttp2: (app) => http2Bridge(app, { buffer: true }),
});
