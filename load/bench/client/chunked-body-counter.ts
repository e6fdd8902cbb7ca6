/**
 * Counts the body bytes of an HTTP/1.1 chunked body (RFC 9112 §7.1) as it
 * arrives, without copying it: it reads each chunk-size line and skips that
 * many bytes, so the client's cost per event stays small.
 */

/** A chunked body that does not follow RFC 9112 §7.1. */
export class ChunkedFramingError extends Error {
  override readonly name = 'ChunkedFramingError';
  readonly code = 'CHUNKED_FRAMING';
}

const CR = 0x0d;
const LF = 0x0a;
const SEMICOLON = 0x3b;
const SPACE = 0x20;
const TAB = 0x09;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/** Feeds on raw body bytes (after the header block); knows when the last chunk came. */
export class ChunkedBodyCounter {
  /** Body bytes seen so far (chunk data only, no framing). */
  bodyBytes = 0;
  /** Chunks seen so far (the last, empty chunk not counted). */
  chunks = 0;
  #state: State = 'size';
  #size = 0;
  #sizeDigits = 0;
  #sizeDone = false;
  #remaining = 0;
  #dataEnd = 0;
  #trailerLine = '';

  /** The last chunk and the trailer section arrived: the body ended cleanly. */
  get complete(): boolean {
    return this.#state === 'done';
  }

  /**
   * Consumes `bytes[start..]`. Returns how many bytes of it belonged to the
   * body (everything, unless the body ended inside it).
   * @throws {@link ChunkedFramingError} on a malformed size line or chunk end.
   */
  feed(bytes: Uint8Array, start = 0): number {
    let i = start;
    const end = bytes.byteLength;
    while (i < end) {
      switch (this.#state) {
        case 'size': {
          // Hex digits, then optional `;extensions`, then CRLF; parsed in place (no strings).
          for (; i < end; i++) {
            const byte = bytes[i]!;
            if (byte === LF) break;
            if (this.#sizeDone || byte === CR) {
              this.#sizeDone = true;
              continue;
            }
            const digit = hexValue(byte);
            if (digit === -1) {
              if (byte === SEMICOLON || byte === SPACE || byte === TAB) {
                this.#sizeDone = true;
                continue;
              }
              throw new ChunkedFramingError(`chunk-size line has a non-hexadecimal byte 0x${byte.toString(16)}`);
            }
            this.#size = this.#size * 16 + digit;
            this.#sizeDigits += 1;
            if (this.#sizeDigits > 12) throw new ChunkedFramingError('chunk-size line has more than 12 hexadecimal digits');
          }
          if (i === end) return end - start;
          i += 1; // the LF
          if (this.#sizeDigits === 0) throw new ChunkedFramingError('chunk-size line without a size');
          const size = this.#size;
          this.#size = 0;
          this.#sizeDigits = 0;
          this.#sizeDone = false;
          if (size === 0) {
            this.#state = 'trailer';
          } else {
            this.#remaining = size;
            this.chunks += 1;
            this.#state = 'data';
          }
          break;
        }
        case 'data': {
          const take = Math.min(this.#remaining, end - i);
          this.#remaining -= take;
          this.bodyBytes += take;
          i += take;
          if (this.#remaining === 0) {
            this.#state = 'data-end';
            this.#dataEnd = 0;
          }
          break;
        }
        case 'data-end': {
          const expected = this.#dataEnd === 0 ? CR : LF;
          if (bytes[i] !== expected) throw new ChunkedFramingError(`chunk data not followed by CRLF (byte 0x${bytes[i]!.toString(16)})`);
          i += 1;
          this.#dataEnd += 1;
          if (this.#dataEnd === 2) this.#state = 'size';
          break;
        }
        case 'trailer': {
          const lf = bytes.indexOf(LF, i);
          const stop = lf === -1 ? end : lf;
          for (let j = i; j < stop; j++) this.#trailerLine += String.fromCharCode(bytes[j]!);
          if (lf === -1) return end - start;
          i = lf + 1;
          const line = this.#trailerLine;
          this.#trailerLine = '';
          if (line === '' || line === '\r') {
            this.#state = 'done';
            return i - start;
          }
          break;
        }
        case 'done':
          return i - start;
      }
    }
    return end - start;
  }
}
