/**
 * Breaks WIRE-001: an HTTP/1.1 bridge that "optimizes" short bodies — when a
 * stream is already complete one turn after the handler returned, it is sent
 * with `Content-Length` instead of chunked coding. Streams still open at that
 * point are chunked as they should be.
 */
import { createApp } from '../../../reference/index.ts';
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';

export const breaks = 'WIRE-001';
export default defineAdapter({
  name: 'broken/wire-http1-content-length',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { contentLengthWhenComplete: true }),
});
