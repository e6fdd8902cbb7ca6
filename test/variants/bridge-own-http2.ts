/** The adapter serves HTTP/2 with its own listenHttp2 (node:http2, a plain reader per body). */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { http2Bridge } from '../wire/broken-bridges.ts';

export const departs =
  'HTTP/2 is served by the adapter\'s own listenHttp2 (the fault-free http2Bridge: node:http2 compatibility API, every body read with a plain reader, one DATA write per chunk); the adapter contract makes listenHttp2 the adapter\'s to give';

/** Its app is the reference's, untouched: only the wire profile can see the bridge. */
export const profiles = ['wire'];

export default defineAdapter({
  name: 'variant/bridge-own-http2',
  createApp: () => createApp({ onError: () => {} }),
  listenHttp2: (app) => http2Bridge(app),
});
