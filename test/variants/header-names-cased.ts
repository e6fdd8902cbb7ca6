/** An HTTP/1.1 bridge that writes field names in Title-Case (`Content-Type`) and its own reason phrase. */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { listenNode, titleCase } from './kit/node-bridge.ts';

export const departs =
  'over HTTP/1.1, field names go on the wire Title-Cased ("Content-Type", "Cache-Control") and the status line says "200 Streaming"; RFC 9110 §5.1 (field names are case-insensitive), RFC 9112 §4 (a client ignores the reason phrase)';

/** Its app is the reference's, untouched: only the wire profile can see the bridge. */
export const profiles = ['wire'];

export default defineAdapter({
  name: 'variant/header-names-cased',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => listenNode(app, { fieldName: titleCase, reason: 'Streaming' }),
});
