/** An HTTP/1.1 server that sends a trailer section after the last chunk of every clean end. */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { listenRawChunked } from './kit/raw-chunked-bridge.ts';

export const departs =
  'over HTTP/1.1 a clean end is the last chunk followed by a trailer field ("0\\r\\nServer-Timing: total;dur=0\\r\\n\\r\\n"); RFC 9112 §7.1: chunked-body = *chunk last-chunk trailer-section CRLF, and §7.1.2 lets a recipient discard trailer fields; WIRE-002 asks for the last chunk, which this is';

/** Its app is the reference's, untouched: only the wire profile can see the bridge. */
export const profiles = ['wire'];

export default defineAdapter({
  name: 'variant/chunked-trailer',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => listenRawChunked(app, { trailer: ['Server-Timing: total;dur=0'] }),
});
