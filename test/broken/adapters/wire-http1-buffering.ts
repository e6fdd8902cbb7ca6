/** Breaks WIRE-006: an HTTP/1.1 bridge that collects the whole body before sending any of it. */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-006';
/**
 * A buffered write never arrives within flushInterval: WIRE-007's rule is broken too. (WIRE-008 skips the
 * runs whose values never arrive — WIRE-006 judges delivery — and judges the disconnects without values.)
 */
export const alsoBreaks = ['WIRE-007'];

export default defineAdapter({
  name: 'broken/wire-http1-buffering',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { buffer: true }),
});
