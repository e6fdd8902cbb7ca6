/** Breaks WIRE-004: an HTTP/1.1 bridge that frames each chunk in chunked coding and then frames it again. */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-004';
export default defineAdapter({
  name: 'broken/wire-http1-double-framing',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { doubleFrame: true }),
});
