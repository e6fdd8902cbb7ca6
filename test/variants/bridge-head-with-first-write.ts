/** An HTTP/1.1 bridge that sends the response head together with the first body bytes. */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { listenNode } from './kit/node-bridge.ts';

export const departs =
  'over HTTP/1.1, the status line and fields are not flushed on their own: they go out with the first body bytes (or with the end of an empty body); no requirement puts a time on the head, only on written data (WIRE-006)';

/** Its app is the reference's, untouched: only the wire profile can see the bridge. */
export const profiles = ['wire'];

export default defineAdapter({
  name: 'variant/bridge-head-with-first-write',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => listenNode(app, { headWithFirstWrite: true }),
});
