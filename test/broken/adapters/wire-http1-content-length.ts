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
/**
 * Every short body is complete within a turn, so every run of WIRE-002 and WIRE-017 is sent with
 * Content-Length: they are blocked by WIRE-001 (no last chunk to judge), and a blocked result whose blocker is
 * not in the same run counts as a failure. WIRE-005 still judges the Connection fields, and passes.
 */
export const alsoBreaks = ['WIRE-002', 'WIRE-017'];

export default defineAdapter({
  name: 'broken/wire-http1-content-length',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, { contentLengthWhenComplete: true }),
});
