/**
 * HTTP field values read by their grammar, not as strings: media types
 * (RFC 9110 §8.3.1, §5.6.6), Cache-Control directive lists (RFC 9111 §5.2,
 * list syntax RFC 9110 §5.6.1), and what an EventSource accepts as the media
 * type of an event stream (WHATWG HTML §9.2.3, via Fetch's "extract a MIME
 * type").
 */
import { MIMEType } from 'node:util';

/** RFC 9110 §5.6.2 tchar. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Optional whitespace (RFC 9110 §5.6.3). */
const OWS = /^[ \t]*/;

export interface MediaType {
  /** Lower case (type and subtype are case-insensitive). */
  type: string;
  subtype: string;
  /** Parameters in order: name in lower case (case-insensitive), value unquoted (as sent otherwise). */
  parameters: Array<[string, string]>;
}

/**
 * Parses `value` as `media-type = type "/" subtype parameters` with
 * `parameters = *( OWS ";" OWS [ parameter ] )` and `parameter-value =
 * token / quoted-string`; undefined when it does not match the grammar.
 */
export function parseMediaType(value: string): MediaType | undefined {
  const text = value.replace(/^[ \t]+|[ \t]+$/g, '');
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const type = text.slice(0, slash);
  let rest = text.slice(slash + 1);
  const subtypeEnd = rest.search(/[ \t;]/);
  const subtype = subtypeEnd === -1 ? rest : rest.slice(0, subtypeEnd);
  rest = subtypeEnd === -1 ? '' : rest.slice(subtypeEnd);
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  const parameters: Array<[string, string]> = [];
  while (rest.length > 0) {
    rest = rest.replace(OWS, '');
    if (rest.length === 0) break;
    if (rest[0] !== ';') return undefined;
    rest = rest.slice(1).replace(OWS, '');
    if (rest.length === 0 || rest[0] === ';') continue; // an empty parameter is allowed
    const equals = rest.indexOf('=');
    if (equals === -1) return undefined;
    const name = rest.slice(0, equals);
    if (!TOKEN.test(name)) return undefined;
    rest = rest.slice(equals + 1);
    let parameterValue: string;
    if (rest.startsWith('"')) {
      const quoted = readQuotedString(rest);
      if (quoted === undefined) return undefined;
      parameterValue = quoted.value;
      rest = rest.slice(quoted.length);
    } else {
      const end = rest.search(/[ \t;]/);
      parameterValue = end === -1 ? rest : rest.slice(0, end);
      rest = end === -1 ? '' : rest.slice(end);
      if (!TOKEN.test(parameterValue)) return undefined;
    }
    parameters.push([name.toLowerCase(), parameterValue]);
  }
  return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), parameters };
}

/** A quoted-string at the start of `text` (RFC 9110 §5.6.4): its unescaped value and its length. */
function readQuotedString(text: string): { value: string; length: number } | undefined {
  let value = '';
  for (let index = 1; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"') return { value, length: index + 1 };
    if (char === '\\') {
      const next = text[index + 1];
      if (next === undefined || !isQuotedPairChar(next)) return undefined;
      value += next;
      index++;
      continue;
    }
    if (!isQdtext(char)) return undefined;
    value += char;
  }
  return undefined;
}

/** qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text */
function isQdtext(char: string): boolean {
  const code = char.charCodeAt(0);
  return code === 0x09 || code === 0x20 || code === 0x21 || (code >= 0x23 && code <= 0x5b) || (code >= 0x5d && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/** quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ) */
function isQuotedPairChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code === 0x09 || code === 0x20 || (code >= 0x21 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/** Parameters whose values are case-insensitive: `charset` (RFC 9110 §8.3.2). */
const CASE_INSENSITIVE_VALUES = new Set(['charset']);

function normalizedParameters(media: MediaType): string[] {
  return media.parameters
    .map(([name, value]) => `${name}=${CASE_INSENSITIVE_VALUES.has(name) ? value.toLowerCase() : value}`)
    .sort();
}

/**
 * True when `a` and `b` are the same media type by RFC 9110 §8.3.1: type and
 * subtype case-insensitively, the same parameters in any order (names
 * case-insensitively, a quoted value equal to the token it quotes, the
 * charset value case-insensitively, other values exactly). Either one not
 * matching the grammar: equal only as identical strings.
 */
export function sameMediaType(a: string, b: string): boolean {
  const parsedA = parseMediaType(a);
  const parsedB = parseMediaType(b);
  if (parsedA === undefined || parsedB === undefined) return a === b;
  if (parsedA.type !== parsedB.type || parsedA.subtype !== parsedB.subtype) return false;
  const paramsA = normalizedParameters(parsedA);
  const paramsB = normalizedParameters(parsedB);
  return paramsA.length === paramsB.length && paramsA.every((entry, index) => entry === paramsB[index]);
}

/**
 * True when an EventSource accepts `contentType` for an event stream: Fetch's
 * "extract a MIME type" succeeds and its essence is `text/event-stream`
 * (parameters, such as a charset, are ignored; the stream is UTF-8 anyway).
 * Node's `util.MIMEType` implements the WHATWG MIME type parser.
 */
export function eventSourceAcceptsContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  try {
    return new MIMEType(contentType).essence === 'text/event-stream';
  } catch {
    return false;
  }
}

export interface CacheDirective {
  /** Lower case (directive names are case-insensitive, RFC 9111 §5.2). */
  name: string;
  /** The argument (token or unquoted quoted-string); undefined when there is none. */
  argument?: string;
}

/**
 * Parses a Cache-Control value (`#cache-directive`, `cache-directive = token
 * [ "=" ( token / quoted-string ) ]`), empty list elements ignored (RFC 9110
 * §5.6.1); undefined when an element does not match the grammar.
 */
export function parseCacheControl(value: string): CacheDirective[] | undefined {
  const directives: CacheDirective[] = [];
  let rest = value;
  while (true) {
    rest = rest.replace(OWS, '');
    if (rest.length === 0) return directives;
    if (rest[0] === ',') {
      rest = rest.slice(1);
      continue;
    }
    const nameEnd = rest.search(/[ \t,=]/);
    const name = nameEnd === -1 ? rest : rest.slice(0, nameEnd);
    if (!TOKEN.test(name)) return undefined;
    rest = nameEnd === -1 ? '' : rest.slice(nameEnd);
    const directive: CacheDirective = { name: name.toLowerCase() };
    if (rest.startsWith('=')) {
      rest = rest.slice(1);
      if (rest.startsWith('"')) {
        const quoted = readQuotedString(rest);
        if (quoted === undefined) return undefined;
        directive.argument = quoted.value;
        rest = rest.slice(quoted.length);
      } else {
        const end = rest.search(/[ \t,]/);
        const argument = end === -1 ? rest : rest.slice(0, end);
        if (!TOKEN.test(argument)) return undefined;
        directive.argument = argument;
        rest = end === -1 ? '' : rest.slice(end);
      }
    }
    directives.push(directive);
    rest = rest.replace(OWS, '');
    if (rest.length > 0 && rest[0] !== ',') return undefined;
  }
}

/**
 * True when a Cache-Control value carries the unqualified `no-cache`
 * directive (any case, anywhere in the list). The qualified form
 * `no-cache="field-name"` does not count: it lets a cache store the response
 * and reuse it without revalidation, apart from the fields it names
 * (RFC 9111 §5.2.2.4).
 */
export function hasNoCacheDirective(value: string | null): boolean {
  if (value === null) return false;
  return parseCacheControl(value)?.some((directive) => directive.name === 'no-cache' && directive.argument === undefined) ?? false;
}
