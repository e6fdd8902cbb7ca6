/**
 * Arbitraries of response-header options: header names (RFC 9110 §5.1
 * tokens) in any case, values, media types, the four kinds of streams, and
 * the hop-by-hop fields (RFC 9110 §7.6.1, RFC 9113 §8.2.2).
 */
import fc from 'fast-check';
import { anyText } from './text.ts';

/** The four kinds of streamed responses of the guide. */
export const STREAM_KINDS = ['createStream', 'streamResponse', 'chunkedResponse', 'sseResponse'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

/** Connection-specific fields an implementation must never set (HDR-006/007). */
export const HOP_BY_HOP_FIELDS = ['Connection', 'Keep-Alive', 'Transfer-Encoding', 'Upgrade', 'Proxy-Connection', 'TE'] as const;

/** A stream kind. */
export function streamKind(kinds: readonly StreamKind[] = STREAM_KINDS): fc.Arbitrary<StreamKind> {
  return fc.constantFrom(...kinds);
}

/** `name` with each letter's case chosen at random (`cOnTeNt-TyPe`). */
export function randomCase(name: string): fc.Arbitrary<string> {
  return fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((upper) =>
    Array.from(name, (char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase())).join(''),
  );
}

const TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";

/**
 * A header name that is none of the defaults, hop-by-hop fields or fields a
 * Response may drop: `X-…` tokens and the guide's own extra headers.
 */
export function extraHeaderName(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('X-Stream-Type', 'X-Generated-Stream', 'X-Transfer-Type', 'X-SSE-Stream', 'Content-Disposition', 'Access-Control-Allow-Origin', 'ETag', 'Vary'),
    fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 12 }).map((tail) => `X-${tail}`),
  );
}

/** A header value: visible ASCII and inner spaces, no leading/trailing whitespace (which `Headers` trims), not empty. */
export function headerValue(): fc.Arbitrary<string> {
  const visible = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 10 });
  return fc.oneof(
    fc.constantFrom('manual', 'true', 'events', '*', 'attachment; filename="data.bin"', 'no-store, max-age=0'),
    fc.array(visible, { minLength: 1, maxLength: 3 }).map((words) => words.join(' ')),
  );
}

/** Extra headers with distinct names (case-insensitively). */
export function extraHeaders(options: { maxKeys?: number } = {}): fc.Arbitrary<Record<string, string>> {
  return fc
    .uniqueArray(fc.tuple(extraHeaderName(), headerValue()), {
      maxLength: options.maxKeys ?? 4,
      selector: ([name]) => name.toLowerCase(),
    })
    .map((entries) => Object.fromEntries(entries));
}

/** A media type as a handler writes it: the guide's, and random `type/subtype` with parameters. */
export function mediaType(): fc.Arbitrary<string> {
  const token = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789+-.'), minLength: 1, maxLength: 8 });
  return fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/octet-stream',
      'text/event-stream',
      'text/plain; charset=utf-8',
      'text/html; charset=UTF-8',
      'application/x-ndjson',
      'text/csv; charset=iso-8859-1',
      'Application/JSON',
    ),
    fc
      .tuple(fc.constantFrom('application', 'text', 'image', 'x-custom'), token, fc.option(fc.tuple(token, token), { nil: undefined }))
      .map(([type, subtype, parameter]) => `${type}/${subtype}${parameter ? `; ${parameter[0]}=${parameter[1]}` : ''}`),
  );
}

/** A hop-by-hop field in random case, with a plausible value. */
export function hopByHopHeader(): fc.Arbitrary<{ name: string; value: string }> {
  return fc
    .tuple(
      fc.constantFrom(...HOP_BY_HOP_FIELDS).chain((name) => randomCase(name)),
      fc.constantFrom('keep-alive', 'close', 'chunked', 'websocket', 'trailers', 'timeout=5'),
    )
    .map(([name, value]) => ({ name, value }));
}

/** A `Content-Length` field as a caller might pass it in `options.headers` (HDR-005): any case, a plausible length. */
export function contentLengthHeader(): fc.Arbitrary<{ name: string; value: string }> {
  return fc.tuple(randomCase('Content-Length'), fc.nat({ max: 100_000 }).map(String)).map(([name, value]) => ({ name, value }));
}

/** The defaults a kind sets, by lower-case name (what HDR-004 overrides). */
export function defaultHeaderNames(kind: StreamKind): readonly string[] {
  return kind === 'sseResponse' ? ['content-type', 'cache-control', 'x-accel-buffering'] : ['content-type'];
}

/** What a stream of the HDR checks sends: up to 3 short texts (the head is judged, not the body). */
export function streamContent(): fc.Arbitrary<string[]> {
  return fc.array(anyText({ maxLength: 8 }), { maxLength: 3 });
}

/** No options, options without headers, or options with extra headers (HDR-001). */
export function optionsWithoutContentType(): fc.Arbitrary<{ headers?: Record<string, string> } | undefined> {
  return fc.option(fc.record({ headers: extraHeaders() }, { requiredKeys: [] }), { nil: undefined });
}

/** Extra headers, or none: the options of the checks that judge what is never sent. */
export function extraHeadersOption(): fc.Arbitrary<{ headers: Record<string, string> } | undefined> {
  return fc.option(fc.record({ headers: extraHeaders() }), { nil: undefined });
}

/** 1 to 5 extra headers (HDR-003). */
export function someExtraHeaders(): fc.Arbitrary<Record<string, string>> {
  return extraHeaders({ maxKeys: 5 }).filter((headers) => Object.keys(headers).length > 0);
}

/** Overrides of some of a kind's defaults: names in random case, with values. */
export function defaultOverrides(kind: StreamKind): fc.Arbitrary<Array<[string, string]>> {
  return fc
    .subarray([...defaultHeaderNames(kind)], { minLength: 1 })
    .chain((names) => fc.tuple(...names.map((name) => fc.tuple(randomCase(name), name === 'content-type' ? mediaType() : headerValue()))));
}

/** An HDR-004 run: a kind, overrides of some of its defaults, up to 2 extra headers, and what it sends. */
export function overridingInput(): fc.Arbitrary<[StreamKind, Array<[string, string]>, Record<string, string>, string[]]> {
  return streamKind().chain((kind) => fc.tuple(fc.constant(kind), defaultOverrides(kind), extraHeaders({ maxKeys: 2 }), streamContent()));
}
