/** Over a real socket on 127.0.0.1: RFC 9112 §7.1, RFC 9113 §8.2.2, WHATWG HTML §9.2; DESIGN §3 On the wire. */
import { requirement } from './define.ts';

const wire = { profile: 'wire' } as const;

export const wireRequirements = [
  requirement('WIRE-001', 'MUST', {
    ...wire,
    title: 'http1 streams use chunked transfer coding',
    rule: 'Over HTTP/1.1, a stream MUST be sent with `Transfer-Encoding: chunked` and no `Content-Length`.',
    rationale: 'Without a length, chunked coding is the only way a client can tell a complete body from a dropped connection.',
    source: 'RFC 9112 §6.1, §7.1; DESIGN §3 On the wire',
  }),
  requirement('WIRE-002', 'MUST', {
    ...wire,
    title: 'http1 clean close sends the last chunk',
    rule: 'Over HTTP/1.1, a stream ended by `close()` or a finished generator MUST end with the last chunk (`0\\r\\n\\r\\n`).',
    rationale: 'Without it the client waits for more, or treats a complete response as truncated.',
    source: 'RFC 9112 §7.1 (last-chunk); DESIGN §3 On the wire',
  }),
  requirement('WIRE-003', 'MUST', {
    ...wire,
    title: 'http1 generator error sends no last chunk',
    rule: 'Over HTTP/1.1, a stream whose generator throws MUST end without the last chunk (the connection is closed).',
    rationale: 'The missing last chunk is the only signal an HTTP/1.1 client has that the body was cut short.',
    source: 'RFC 9112 §7.1, §8; DESIGN §3 On the wire',
  }),
  requirement('WIRE-004', 'MUST', {
    ...wire,
    title: 'no chunk framing inside the payload',
    rule: 'The de-chunked payload MUST equal exactly what was written: no nested chunk framing, no extra bytes.',
    rationale: 'A bridge that frames an already framed body sends every chunk size to the client as data.',
    source: 'RFC 9112 §7.1; DESIGN §3 Chunks',
  }),
  requirement('WIRE-005', 'MUST', {
    ...wire,
    title: 'hop-by-hop fields not duplicated by the app',
    rule: 'Over HTTP/1.1, `Transfer-Encoding` MUST appear once, as `chunked`, and `Connection`/`Keep-Alive` at most once each (the server\'s own).',
    rationale: 'An app that sets hop-by-hop fields itself doubles them on the wire (`chunked, chunked`), which clients reject.',
    source: 'RFC 9110 §7.6.1; RFC 9112 §6.1; DESIGN §3 Headers',
  }),
  requirement('WIRE-006', 'MUST', {
    ...wire,
    title: 'http1 incremental delivery in lockstep',
    rule: 'Over HTTP/1.1, what a handler writes MUST reach the client before the handler makes its next write (the suite makes write k+1 only after the client saw write k).',
    rationale: 'Buffering breaks every real-time use of streaming: events arrive late, in bursts, or never.',
    source: 'guide "Overview"; DESIGN §3 On the wire (incremental delivery)',
  }),
  requirement('WIRE-007', 'MUST', {
    ...wire,
    title: 'coalesced writes arrive within flushInterval',
    rule: 'With `flushInterval: F`, a write MUST reach the client within F ms plus 250 ms of slack.',
    rationale: 'flushInterval promises a latency bound; a stream that waits for its buffer to fill breaks it.',
    source: 'guide StreamingOptions (flushInterval: auto-flush interval); DESIGN §3 On the wire',
  }),
  requirement('WIRE-008', 'MUST', {
    ...wire,
    title: 'a destroyed socket reaches the handler within 1 s',
    rule: 'When the client destroys its socket, `ctx.req.signal` MUST abort and a streaming generator\'s `finally` MUST run, each within 1 s.',
    rationale: 'Servers otherwise keep generating for clients that are gone: leaked timers, subscriptions and memory.',
    source: 'guide "Client Disconnection"; DESIGN §3 Close, abort, errors',
  }),
  requirement('WIRE-009', 'MUST', {
    ...wire,
    title: 'no content-encoding on event streams',
    rule: 'A `text/event-stream` response MUST NOT carry a `Content-Encoding`, even when the request sends `Accept-Encoding: gzip`.',
    rationale: 'Compressors buffer until a block fills: events stop arriving one by one.',
    source: 'DESIGN §3 On the wire',
  }),
  requirement('WIRE-010', 'MUST', {
    ...wire,
    title: 'http2 streams arrive incrementally',
    rule: 'Over HTTP/2 (h2c), what a handler writes MUST reach the client before the handler makes its next write.',
    rationale: 'Same promise as over HTTP/1.1; HTTP/2 front ends are common.',
    source: 'RFC 9113 §8.1; DESIGN §3 On the wire',
  }),
  requirement('WIRE-011', 'MUST', {
    ...wire,
    title: 'http2 responses carry no connection-specific fields',
    rule: 'Over HTTP/2, a stream response MUST NOT carry `Connection`, `Keep-Alive`, `Proxy-Connection`, `Transfer-Encoding` or `Upgrade`.',
    rationale: 'RFC 9113 makes such a response malformed; clients reset the stream.',
    source: 'RFC 9113 §8.2.2; DESIGN §3 Headers',
  }),
  requirement('WIRE-012', 'MUST', {
    ...wire,
    title: 'http2 clean end and error are told apart',
    rule: 'Over HTTP/2, a finished stream MUST end with END_STREAM and a generator error MUST reset the stream (RST_STREAM), not end it cleanly.',
    rationale: 'As over HTTP/1.1, a client must be able to tell a truncated body from a complete one.',
    source: 'RFC 9113 §8.1, §6.4; DESIGN §3 Close, abort, errors',
  }),
  requirement('WIRE-013', 'MUST', {
    ...wire,
    title: 'eventsource client over the socket reads the events',
    rule: 'The `eventsource` package\'s EventSource, over a real socket, MUST receive every event with its data, type and lastEventId.',
    rationale: 'An independent client is the oracle nobody here wrote.',
    source: 'WHATWG HTML §9.2; DESIGN §5',
  }),
  requirement('WIRE-014', 'MUST', {
    ...wire,
    title: 'reconnect sends Last-Event-ID to the handler',
    rule: 'After a stream with ids ends, the EventSource reconnects with `Last-Event-ID`, and the handler MUST see it in `ctx.req.headers`.',
    rationale: 'Resuming where the client left off is why ids exist.',
    source: 'WHATWG HTML §9.2.4 (reestablish the connection); guide ServerSentEventOptions.id',
  }),
  requirement('WIRE-015', 'MUST', {
    ...wire,
    title: 'retry sets the reconnection delay',
    rule: 'A `retry` sent by the implementation MUST set the EventSource\'s reconnection delay (it waits at least that long before reconnecting).',
    rationale: 'The guide sets retry to 3000 ms and 1000 ms; a client that ignores it hammers the server.',
    source: 'WHATWG HTML §9.2.6 (retry field); guide "Basic SSE"',
  }),
  requirement('WIRE-016', 'MUST', {
    ...wire,
    title: 'http 204 stops reconnection',
    rule: 'A handler answering 204 MUST reach the client as 204, and the EventSource MUST then not reconnect.',
    rationale: '204 is the WHATWG way for a server to tell an EventSource to stop.',
    source: 'WHATWG HTML §9.2.2 (fail the connection on 204)',
  }),
] as const;
