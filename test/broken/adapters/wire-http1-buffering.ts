/** Breaks WIRE-006: an HTTP/1.1 bridge that collects the whole body before sending any of it. */
import type { AlsoBreaks } from '../break.ts';
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-006';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'WIRE-007': 'WIRE-007\'s rule is that with flushInterval a write reaches the client within flushInterval + 250 ms: held until the body is complete, it does not',
};

export default defineAdapter({
  name: 'broken/wire-http1-buffering',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { buffer: true }),
});
