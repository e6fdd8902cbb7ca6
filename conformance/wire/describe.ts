/** Readable descriptions of what crossed the wire, for failure messages. */
import type { WirePart } from '../arbitraries/wire.ts';
import { escapeBytes, escapeText } from '../bytes/escape.ts';
import { h2ErrorName, type H2Result } from './h2-client.ts';
import type { HeaderField } from './http1-parse.ts';
import type { RawHttp1Result } from './raw-http1.ts';

/** Longest escaped excerpt a message shows. */
const EXCERPT = 160;

/** Bytes escaped (CR/LF visible), cut at {@link EXCERPT} characters, in quotes. */
export function excerpt(bytes: Uint8Array): string {
  const escaped = escapeBytes(bytes);
  return escaped.length > EXCERPT ? `"${escaped.slice(0, EXCERPT)}"… (${bytes.byteLength} bytes)` : `"${escaped}"`;
}

/** Where two byte strings first differ, in words (for bodies too long to show whole). */
export function describeDifference(received: Uint8Array, expected: Uint8Array): string {
  const shorter = Math.min(received.byteLength, expected.byteLength);
  let at = 0;
  while (at < shorter && received[at] === expected[at]) at++;
  const around = (bytes: Uint8Array): string => excerpt(bytes.subarray(at, at + 24));
  if (at === shorter && received.byteLength !== expected.byteLength) {
    return `${received.byteLength} bytes arrived of the ${expected.byteLength} written; the first ${at} are right`;
  }
  return `from byte ${at} on (${received.byteLength} arrived, ${expected.byteLength} written): ${around(received)} arrived where ${around(expected)} was written`;
}

/** Header fields as `Name: value` lines joined by ` | `, escaped. */
export function describeFields(fields: readonly HeaderField[]): string {
  if (fields.length === 0) return '(no fields)';
  return fields.map((field) => escapeText(`${field.name}: ${field.value}`)).join(' | ');
}

/** `write("ab\r\n"), write(<3 bytes>)`: what a handler wrote. */
export function describeParts(parts: readonly WirePart[], method = 'write'): string {
  if (parts.length === 0) return 'no writes';
  return parts
    .map((part) => (part.kind === 'text' ? `${method}("${escapeText(part.text)}")` : `${method}(<${part.bytes.byteLength} bytes>)`))
    .join(', ');
}

/** How an HTTP/1.1 body ended, in words. */
export function describeHttp1End(result: RawHttp1Result, deadlineMs: number): string {
  const { response } = result;
  const bytes = `${response.payload.byteLength} payload bytes`;
  switch (result.end) {
    case 'complete':
      return response.framing === 'chunked' ? `the last chunk 0\\r\\n\\r\\n after ${bytes}` : `a complete ${response.framing} body of ${bytes}`;
    case 'closed':
      return response.head === undefined
        ? 'the connection closing before a complete response head'
        : `the connection closing after ${bytes}, without the last chunk`;
    case 'malformed':
      return `broken framing: ${response.error!.message}`;
    case 'open-at-deadline':
      return response.head === undefined
        ? `no complete response head within ${deadlineMs} ms`
        : `no last chunk and no close within ${deadlineMs} ms after ${bytes} (the connection stayed open)`;
  }
}

/** How an HTTP/2 stream ended, in words. */
export function describeH2End(result: H2Result, deadlineMs: number): string {
  const bytes = `${result.payload.byteLength} payload bytes`;
  switch (result.end) {
    case 'end-stream':
      return `END_STREAM after ${bytes}`;
    case 'reset':
      return result.rstCode === undefined
        ? `a stream error after ${bytes} (${result.error ?? 'no detail'})`
        : `RST_STREAM ${h2ErrorName(result.rstCode)} after ${bytes}`;
    case 'session-closed':
      return `the connection closing after ${bytes}, without END_STREAM or RST_STREAM${result.error ? ` (${result.error})` : ''}`;
    case 'open-at-deadline':
      return result.status === undefined
        ? `no response headers within ${deadlineMs} ms`
        : `neither END_STREAM nor RST_STREAM within ${deadlineMs} ms after ${bytes}`;
  }
}
