/**
 * Breaks WIRE-011: an h2c bridge that forwards a `Connection: keep-alive`
 * field into HTTP/2 responses. Node's HTTP/2 server refuses to send one, so
 * a proxy in front of the reference's h2c bridge adds it to every HEADERS
 * frame on the wire; a conforming client rejects such responses.
 */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { listenWithHttp2Bridge } from '../../../conformance/adapter/default-listen.ts';
import { h2HeaderInjectingProxy } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-011';
export default defineAdapter({
  name: 'broken/wire-h2-connection-header',
  createApp: () => createApp({ onError: () => {} }),
  listenHttp2: async (app) => h2HeaderInjectingProxy(await listenWithHttp2Bridge((request) => app.handler(request))),
});
