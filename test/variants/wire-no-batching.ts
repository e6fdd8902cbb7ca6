/**
 * Conforming: an HTTP/1.1 bridge on raw sockets that makes one socket write
 * per body chunk (its chunk framing included), never batching writes made in
 * the same turn as the reference's bridge does, with Nagle's algorithm off;
 * one request per connection (`Connection: close`).
 */
import { createApp } from '../../reference/index.ts';
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { rawHttp1Bridge } from '../wire/broken-bridges.ts';

export const departs =
  'each chunk is its own socket write and its own chunk of the chunked coding, and every connection closes after one response: how writes are grouped into chunks and packets is not part of any rule (WIRE-004 judges the de-chunked payload), and RFC 9112 §9.6 lets a server close after a response';

export default defineAdapter({
  name: 'variant/wire-no-batching',
  createApp: () => createApp({ onError: () => {} }),
  listen: (app) => rawHttp1Bridge(app, {}, { noDelay: true }),
});
