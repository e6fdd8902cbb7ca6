/** Breaks WIRE-009: an HTTP/1.1 bridge that gzips `text/event-stream` bodies when the request accepts gzip. */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-009';

export default defineAdapter({
  name: 'broken/wire-http1-gzip-event-stream',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { gzipEventStreams: true }),
});
