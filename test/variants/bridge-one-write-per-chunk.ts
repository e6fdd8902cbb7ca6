/** An HTTP/1.1 bridge that reads every body with a plain reader and makes one socket write per chunk (no batching). */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { listenNode } from './kit/node-bridge.ts';

export const departs =
  'an independent node:http bridge: every body read through its web stream, one res.write per chunk, no joining of text written in one turn, no shortcut into the reference\'s streams; RFC 9112 §7.1 leaves chunk boundaries to the sender';

/** Its app is the reference's, untouched: only the wire profile can see the bridge. */
export const profiles = ['wire'];

export default defineAdapter({
  name: 'variant/bridge-one-write-per-chunk',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => listenNode(app),
});
