/**
 * Response headers for streams: defaults, then `contentType`, then the
 * caller's `options.headers`, which override case-insensitively (a `Headers`
 * object is case-insensitive by definition).
 */
import { InvalidHeaderError } from './errors.ts';

/**
 * Connection-specific (hop-by-hop) headers: the server's business, and
 * forbidden in HTTP/2 (RFC 9110 §7.6.1, RFC 9113 §8.2.2).
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'transfer-encoding',
  'upgrade',
]);

/** Default media type of manual streams, `streamResponse` and `chunkedResponse`. */
export const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** Headers of every event stream (WHATWG HTML §9.2; spec §2). */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
};

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

/**
 * Builds the headers of a streamed response.
 * @param defaults - the kind's defaults (e.g. {@link SSE_HEADERS})
 * @param contentType - `options.contentType`, applied over the defaults
 * @param overrides - `options.headers`, applied last
 * @returns `defaults` itself when there is nothing to apply (the `Response`
 *   copies it; no `Headers` object made for nothing), else a new `Headers`.
 * @throws {@link InvalidHeaderError} for a non-string value, a value with CR/LF/NUL,
 *   a name that is not a token, a hop-by-hop header or `Content-Length`.
 */
export function buildStreamHeaders(
  defaults: Readonly<Record<string, string>>,
  contentType: string | undefined,
  overrides: Record<string, string> | undefined,
): Readonly<Record<string, string>> | Headers {
  if (contentType === undefined && (overrides === undefined || Object.keys(overrides).length === 0)) return defaults;
  const headers = new Headers(defaults);
  if (contentType !== undefined) {
    checkValue('options.contentType', contentType);
    headers.set('Content-Type', contentType);
  }
  if (overrides !== undefined) {
    for (const name of Object.keys(overrides)) {
      const field = `options.headers[${JSON.stringify(name)}]`;
      const value: unknown = overrides[name];
      if (!TOKEN.test(name)) throw new InvalidHeaderError('options.headers name', name, 'must be an HTTP token (RFC 9110 §5.1)');
      const lower = name.toLowerCase();
      if (HOP_BY_HOP_HEADERS.has(lower)) {
        throw new InvalidHeaderError(field, value, `may not be set: ${name} is a hop-by-hop header, the server's to set (RFC 9110 §7.6.1; forbidden in HTTP/2, RFC 9113 §8.2.2)`);
      }
      if (lower === 'content-length') {
        throw new InvalidHeaderError(field, value, 'may not be set on a stream: its length is not known in advance (RFC 9112 §6.1: the server uses chunked transfer coding)');
      }
      if (typeof value !== 'string') throw new InvalidHeaderError(field, value, 'must be a string');
      checkValue(field, value);
      headers.set(name, value);
    }
  }
  return headers;
}

function checkValue(field: string, value: string): void {
  if (FORBIDDEN_IN_VALUE.test(value)) {
    throw new InvalidHeaderError(field, value, 'must not contain CR, LF or NUL (RFC 9110 §5.5)');
  }
}
