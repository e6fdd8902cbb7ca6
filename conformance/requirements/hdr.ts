/** Response headers of streams: spec §2.9, RFC 9110 §7.6.1, RFC 9113 §8.2.2. */
import { requirement } from './define.ts';

export const hdrRequirements = [
  requirement('HDR-001', 'MUST', {
    title: 'default media type text/plain utf-8',
    rule: '`createStream`, `streamResponse` and `chunkedResponse` without `contentType` MUST send the media type text/plain with the parameter `charset=utf-8` (compared by RFC 9110 §8.3.1: `text/plain; charset=UTF-8` and `text/plain;charset="utf-8"` are the same).',
    rationale: 'The guide documents text/plain as the default; without a charset, browsers guess and garble non-ASCII text.',
    source: 'guide StreamingOptions (default: \'text/plain\'); spec §2.9 (headers)',
  }),
  requirement('HDR-002', 'MUST', {
    title: 'contentType option sets content-type',
    rule: 'The `contentType` option MUST be sent as the `Content-Type` header, unchanged as a media type: the same type and subtype and the same parameters (compared by RFC 9110 §8.3.1 — type, subtype and parameter names case-insensitive, the charset value case-insensitive, a quoted value equal to the same token — so normalizing the case or the quoting is allowed; adding, dropping or changing a parameter is not).',
    rationale: 'The guide sets application/json, application/octet-stream and text/event-stream through it; a recipient reads the media type, not the string.',
    source: 'guide StreamingOptions; guide "Manual Streaming"; RFC 9110 §8.3.1',
  }),
  requirement('HDR-003', 'MUST', {
    title: 'headers option is sent',
    rule: 'Every field of `options.headers` MUST be sent, for all four kinds of streams.',
    rationale: 'The guide sets X-Stream-Type, Content-Disposition and Access-Control-Allow-Origin this way.',
    source: 'guide StreamingOptions, ChunkOptions, ServerSentEventOptions',
  }),
  requirement('HDR-004', 'MUST', {
    title: 'headers override defaults case-insensitively',
    rule: 'A field in `options.headers` MUST replace the default of the same name, whatever its case, leaving one value (the caller\'s; a media type compared as in HDR-002).',
    rationale: 'Header names are case-insensitive (RFC 9110 §5.1); "cache-control" and a default "Cache-Control" must not both be sent.',
    source: 'spec §2.9 (headers); RFC 9110 §5.1',
  }),
  requirement('HDR-005', 'MUST', {
    title: 'no content-length on streams',
    rule: 'A streamed response MUST NOT carry `Content-Length`.',
    rationale: 'Its length is unknown when the headers go out; a wrong length truncates or hangs the client.',
    source: 'spec §2.9 (headers); RFC 9112 §6.3',
  }),
  requirement('HDR-006', 'MUST', {
    title: 'no hop-by-hop headers set by default',
    rule: 'An implementation MUST NOT set `Connection`, `Keep-Alive`, `Transfer-Encoding`, `Upgrade`, `Proxy-Connection` or `TE` on a response.',
    rationale: 'They belong to the connection, i.e. the server; HTTP/2 and HTTP/3 treat them as malformed.',
    source: 'spec §2.9 (headers); RFC 9110 §7.6.1; RFC 9113 §8.2.2',
  }),
  requirement('HDR-007', 'SHOULD', {
    title: 'hop-by-hop headers from the caller refused',
    rule: 'A hop-by-hop field passed in `options.headers` SHOULD be refused with a TypeError at the call (naming it), or else dropped; either way it is never sent.',
    rationale: 'A handler copying `Connection: keep-alive` from an old tutorial breaks every HTTP/2 client.',
    source: 'spec §2.9 (headers); RFC 9110 §7.6.1; RFC 9113 §8.2.2',
  }),
  requirement('HDR-008', 'MUST', {
    title: 'streams answer 200',
    rule: 'A stream response MUST have status 200.',
    rationale: 'EventSource fails on any other status (204 means stop reconnecting); clients treat 2xx variants differently.',
    source: 'WHATWG HTML §9.2.2; guide (every example)',
  }),
  requirement('HDR-009', 'SHOULD', {
    title: 'a content-length from the caller refused',
    rule: 'A `Content-Length` passed in `options.headers` SHOULD be refused with a TypeError at the call, or else dropped; either way a stream never sends it.',
    rationale: 'The implementation owns a stream\'s framing: a caller\'s length that disagrees with what the stream then writes truncates or hangs the client. One that agrees would still be valid HTTP, so refusing it is the project\'s choice, as for hop-by-hop fields (HDR-007): SHOULD.',
    source: 'spec §2.9 (headers); RFC 9112 §6.3',
  }),
] as const;
