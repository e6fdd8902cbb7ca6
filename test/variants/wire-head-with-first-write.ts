/**
 * Conforming: an HTTP/1.1 bridge (`node:http`) that calls `writeHead` only
 * when the body's first bytes are there, so the response head reaches the
 * client in the same packet as the first chunk — as Node frameworks that
 * defer `writeHead` do.
 */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { deferredHeadHttpBridge } from '../wire/variant-bridges.ts';

export const departs =
  'the response head is sent with the first body bytes (or at the end of an empty body), not before the first write: no requirement says when the head is sent (docs/spec.md §3), and WIRE-006/007/008 judge when writes arrive, not the head';

export default defineAdapter({
  name: 'variant/wire-head-with-first-write',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => deferredHeadHttpBridge(app),
});
