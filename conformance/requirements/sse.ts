/** Server-Sent Events framing: WHATWG HTML §9.2.5 (parsing), §9.2.6 (interpretation), spec §2. */
import { requirement } from './define.ts';

export const sseRequirements = [
  requirement('SSE-001', 'MUST', {
    title: 'content-type is exactly text/event-stream',
    rule: '`sseResponse` MUST send the `Content-Type` field value `text/event-stream`, exactly that string: no parameters, lower case. A manual stream created with `contentType: "text/event-stream"` MUST send the media type text/event-stream without parameters (type and subtype compared case-insensitively, RFC 9110 §8.3.1).',
    rationale: 'EventSource fails the connection unless the media type is text/event-stream. It would accept `text/event-stream; charset=utf-8` (it compares the MIME type essence, and event streams are always UTF-8), but the guide\'s own test asserts the header string of sseResponse with toBe("text/event-stream"), so an implementation that adds a charset fails the guide\'s test: that is a fail here too. A manual stream\'s media type is the caller\'s, sent as the same media type (HDR-002); adding a parameter changes it.',
    source: 'guide "Testing" (should handle SSE correctly); WHATWG HTML §9.2.2 (fail the connection)',
  }),
  requirement('SSE-002', 'MUST', {
    title: 'cache-control no-cache on event streams',
    rule: 'An `sseResponse` whose caller\'s `headers` do not set Cache-Control MUST send a `Cache-Control` field whose directive list (RFC 9111 §5.2) carries the `no-cache` directive: directive names case-insensitive, optional whitespace around commas, other directives allowed (`no-cache, no-transform`). The qualified form `no-cache="field-name"` does not count, nor does `no-store` alone. When the caller sets Cache-Control, its value is sent (HDR-004).',
    rationale: 'A cached event stream replays stale events or stalls behind a cache; WHATWG advises authors to disable caching of event streams. The unqualified no-cache makes every cache revalidate before reuse; the qualified form lets a cache reuse the response apart from the fields it names (RFC 9111 §5.2.2.4).',
    source: 'spec §2.5 (event streams); WHATWG HTML §9.2.7 (authoring notes)',
  }),
  requirement('SSE-003', 'SHOULD', {
    title: 'x-accel-buffering no on event streams',
    rule: 'An `sseResponse` SHOULD carry `X-Accel-Buffering: no` unless the caller\'s `headers` say otherwise.',
    rationale: 'nginx buffers proxied responses by default; events then arrive in bursts or not at all until the buffer fills.',
    source: 'spec §2.5 (event streams)',
  }),
  requirement('SSE-004', 'MUST', {
    title: 'one writeSSE call is one dispatched event',
    rule: 'Every `writeSSE(data, options)` call MUST produce exactly one event that a WHATWG parser dispatches, in call order. (Judged on the boundaries between events; that the stream ends on an event boundary is SSE-015, an empty string SSE-009.)',
    rationale: 'Handlers count on a one-to-one mapping between calls and client events; a missing blank line merges events, an extra one splits them.',
    source: 'spec §2.5 (event streams); WHATWG HTML §9.2.6 (dispatch the event)',
  }),
  requirement('SSE-005', 'MUST', {
    title: 'string data split on CR, LF and CRLF',
    rule: 'A string MUST be sent as is, split on CRLF, lone CR and lone LF into one `data:` line per line, so that a WHATWG client reads it back with every line break as LF.',
    rationale: 'The event-stream grammar treats CR, LF and CRLF all as line ends; splitting on LF only lets a lone CR end a line early and corrupt or inject fields.',
    source: 'spec §2.7 (data encoding); WHATWG HTML §9.2.5 (end-of-line = CRLF / LF / CR)',
  }),
  requirement('SSE-006', 'MUST', {
    title: 'data lines are "data:" followed by one space',
    rule: 'Each data line MUST be written as `data: ` (colon, one space) followed by the line, so a line\'s own leading spaces survive. This binds data lines only: other fields (`event:x`, `id:7`, `retry:2000`) may be written with or without the space, as WHATWG allows, so long as a client reads their values (SSE-010, SSE-011, SSE-014).',
    rationale: 'A parser strips exactly one space after the colon; without it, data beginning with a space loses that space. Writing the space always is the project\'s decision for data, which is user content.',
    source: 'spec §2.7 (data encoding); WHATWG HTML §9.2.6 (collect field value: remove one leading U+0020)',
  }),
  requirement('SSE-007', 'MUST', {
    title: 'non-string data is JSON',
    rule: 'A value that is not a string MUST be sent as `JSON.stringify(value)`, so that `JSON.parse(event.data)` returns an equal value.',
    rationale: 'The guide\'s examples write objects and its client page calls JSON.parse on every event.',
    source: 'guide "Server-Sent Events (SSE)", "Client-Side SSE"; spec §2.7 (data encoding)',
  }),
  requirement('SSE-008', 'MUST', {
    title: 'data JSON cannot carry is a TypeError',
    rule: '`writeSSE` with undefined, a function, a symbol or a BigInt (anything `JSON.stringify` cannot carry) MUST throw a TypeError and write nothing.',
    rationale: '`JSON.stringify(undefined)` is undefined; writing "undefined" or an empty event hides a bug in the handler.',
    source: 'spec §2.7 (data encoding)',
  }),
  requirement('SSE-009', 'MUST', {
    title: 'empty string is an event with empty data',
    rule: '`writeSSE("")`, and an empty string yielded to `sseResponse`, MUST produce one event whose data is the empty string (`data: ` then a blank line), ended like any other event.',
    rationale: 'A blank line alone dispatches nothing; an empty message is still a message (a keep-alive a client listens for, say).',
    source: 'spec §2.7 (data encoding); WHATWG HTML §9.2.6 (data buffer empty → no dispatch)',
  }),
  requirement('SSE-010', 'MUST', {
    title: 'event option sets the event type',
    rule: '`writeSSE(data, { event })` MUST produce an event whose type is `event`.',
    rationale: 'Clients route on the type with addEventListener; the guide\'s client page listens for "greeting" and "progress".',
    source: 'guide "Custom SSE Events"; WHATWG HTML §9.2.6 (event field)',
  }),
  requirement('SSE-011', 'MUST', {
    title: 'id option sets the last event id',
    rule: '`writeSSE(data, { id })` MUST produce an event whose `lastEventId` is `id` (the empty string included: it resets the last event id); a call without `id` MUST send no `id` field, so the event keeps the last event id the client holds.',
    rationale: 'The last event id is what a reconnecting client sends back as Last-Event-ID to resume.',
    source: 'guide "Custom SSE Events"; WHATWG HTML §9.2.6 (id field)',
  }),
  requirement('SSE-012', 'MUST', {
    title: 'event type with CR or LF is a TypeError',
    rule: '`writeSSE` with an `event` containing CR or LF MUST throw a TypeError and write nothing.',
    rationale: 'A line break in a field value ends the line early: the rest is parsed as new fields (event injection).',
    source: 'spec §2.5 (event streams); WHATWG HTML §9.2.5',
  }),
  requirement('SSE-013', 'MUST', {
    title: 'id with CR, LF or NUL is a TypeError',
    rule: '`writeSSE` with an `id` containing CR, LF or NUL MUST throw a TypeError and write nothing.',
    rationale: 'CR/LF inject fields; a WHATWG parser ignores an id containing NUL, so the event would silently keep a stale id.',
    source: 'spec §2.5 (event streams); WHATWG HTML §9.2.6 (id field: if the value does not contain U+0000 NULL)',
  }),
  requirement('SSE-014', 'MUST', {
    title: 'retry is a non-negative integer',
    rule: '`retry` MUST be a non-negative integer, sent as a `retry` field of ASCII digits (`retry: 3000` or `retry:3000`) that a client takes as its reconnection time; any other value MUST throw a TypeError and write nothing.',
    rationale: 'A parser ignores a retry field that is not all ASCII digits, so a bad value would be dropped silently.',
    source: 'spec §2.5 (event streams); WHATWG HTML §9.2.6 (retry field)',
  }),
  requirement('SSE-015', 'MUST', {
    title: 'output follows the event-stream grammar',
    rule: 'The bytes the SSE calls write MUST be a `stream` of the WHATWG event-stream ABNF: well-formed UTF-8, and every event — a block of fields and comments — ended by a blank line, so the stream ends on an event boundary. Everything else the ABNF allows is allowed: a BOM, comments, any field name, fields with or without the space after the colon or without a colon, and CR, LF or CRLF line ends, mixed.',
    rationale: 'A client decodes the stream as UTF-8 whatever it is, and discards an event the stream ends inside; the grammar is the contract, and the suite accepts all of it (its checker is proven against eventsource-parser, Chromium and the web-platform-tests format cases).',
    source: 'WHATWG HTML §9.2.5 (ABNF of the event stream; "must always be encoded as UTF-8"; pending data discarded at the end)',
  }),
  requirement('SSE-016', 'MUST', {
    title: 'data cannot inject fields or events',
    rule: 'Data that looks like SSE (`id: 1`, `event: x`, `retry: 0`, blank lines, leading colons) MUST reach the client as data, changing no other field.',
    rationale: 'User content in events is the classic injection vector of event streams.',
    source: 'spec §2.5 (event streams); WHATWG HTML §9.2.5',
  }),
  requirement('SSE-017', 'MUST', {
    title: 'all of Unicode survives as UTF-8',
    rule: 'Event data MUST be encoded as UTF-8 so a client decodes it to the same text; a lone surrogate, which UTF-8 cannot carry, becomes U+FFFD.',
    rationale: 'Event streams are always decoded as UTF-8; any other encoding garbles non-ASCII text.',
    source: 'WHATWG HTML §9.2.5 (streams are always UTF-8); WHATWG Encoding (UTF-8 encode)',
  }),
  requirement('SSE-018', 'MUST', {
    title: 'sseResponse sends one event per yielded value',
    rule: 'Every value an `sseResponse` iterable yields MUST be exactly one event, in order, with the same data rules as `writeSSE`.',
    rationale: 'Generators are the guide\'s main way to write an event stream.',
    source: 'guide "Basic SSE"; spec §2.5 (event streams), §2.6',
  }),
  requirement('SSE-019', 'MUST', {
    title: 'sseResponse event option applies to each event',
    rule: '`sseResponse(iterable, { event })` MUST give every event the type `event`.',
    rationale: 'The guide\'s progress example relies on it to reach its "progress" listener.',
    source: 'guide "Progress Tracking"; spec §2.6 (sseResponse options)',
  }),
  requirement('SSE-020', 'MUST', {
    title: 'sseResponse retry option is sent once, first',
    rule: '`sseResponse(iterable, { retry })` MUST send `retry` once, before the first event.',
    rationale: 'The reconnection time must be known before the connection can drop; repeating it is noise.',
    source: 'guide "Basic SSE" (retry: 3000); spec §2.6 (sseResponse options)',
  }),
  requirement('SSE-021', 'SHOULD', {
    title: 'comments for heartbeats',
    rule: 'A manual stream SHOULD offer `writeComment(text)` that writes comment lines (`: text`, or `:text`) which a client ignores: the events dispatched are those of the same calls without the comments.',
    rationale: 'Idle connections are closed by proxies; a comment keeps them open without waking the client.',
    source: 'spec §2.5 (event streams); WHATWG HTML §9.2.7 (comment lines every 15 s)',
  }),
  requirement('SSE-022', 'MUST', {
    title: 'a real EventSource client reads the events',
    rule: 'The `eventsource` package\'s EventSource, fetching in-process (through the fetch it is given, and through msw), MUST accept the stream and read it to its end, dispatching exactly the events (data, type, lastEventId) a WHATWG parser reads from the bytes it was given.',
    rationale: 'A real client nobody here wrote must be able to use the stream: its status, media type and body as fetch hands them over. What the events should carry is judged by the other SSE requirements.',
    source: 'WHATWG HTML §9.2.2–§9.2.6; spec §2a (oracles)',
  }),
] as const;
