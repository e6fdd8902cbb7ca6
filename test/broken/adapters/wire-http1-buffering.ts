/** Breaks WIRE-006: an HTTP/1.1 bridge that collects the whole body before sending any of it. */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-006';
/** A buffered write never arrives within flushInterval, and a disconnect check never sees its values. */
export const alsoBreaks = ['WIRE-007', 'WIRE-008'];

export default defineAdapter({
  name: 'broken/wire-http1-buffering',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { buffer: true }),
});
