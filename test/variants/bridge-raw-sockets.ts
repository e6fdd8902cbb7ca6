/** An HTTP/1.1 server on raw sockets: one request per connection, `Connection: close`, chunked framing written by hand. */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../wire/broken-bridges.ts';

export const departs =
  'an HTTP/1.1 server on node:net (the fault-free rawHttp1Bridge): one request per connection with Connection: close, its own chunk framing, Date field, lower-case field names; RFC 9112 §9.6 (close is a valid persistence choice), §7.1';

/** Its app is the reference's, untouched: only the wire profile can see the bridge. */
export const profiles = ['wire'];

export default defineAdapter({
  name: 'variant/bridge-raw-sockets',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app),
});
