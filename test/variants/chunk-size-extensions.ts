/** An HTTP/1.1 server whose chunk-size lines are upper-case hex with leading zeros and a chunk extension. */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { listenRawChunked } from './kit/raw-chunked-bridge.ts';

export const departs =
  'over HTTP/1.1 every chunk-size line is upper-case hex with leading zeros and carries a chunk extension ("000A;n=1"); RFC 9112 §7.1: chunk-size = 1*HEXDIG, and a recipient ignores unrecognized chunk extensions (§7.1.1)';

/** Its app is the reference's, untouched: only the wire profile can see the bridge. */
export const profiles = ['wire'];

export default defineAdapter({
  name: 'variant/chunk-size-extensions',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => listenRawChunked(app, { extensions: true }),
});
