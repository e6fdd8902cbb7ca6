/**
 * A faithful chunk encoder (spec §2.8; RFC 4648 §4, §8), written as
 * small overridable methods: a broken adapter subclasses it and gets exactly
 * one thing wrong.
 */
import { Buffer } from 'node:buffer';

export type ChunkEncoding = 'utf-8' | 'base64' | 'hex';

const textEncoder = new TextEncoder();

export class ChunkEncoder {
  /** The encoding named by `options.encoding` (default utf-8); TypeError for any other (at the call). */
  encoding(field: string, encoding: unknown): ChunkEncoding {
    if (encoding === undefined) return 'utf-8';
    if (encoding === 'utf-8' || encoding === 'base64' || encoding === 'hex') return encoding;
    throw new TypeError(`${field} must be 'utf-8', 'base64' or 'hex'; got ${JSON.stringify(encoding) ?? String(encoding)}`);
  }

  /** The JSON text of a value; TypeError when JSON cannot carry it. */
  json(value: unknown): string {
    let text: string | undefined;
    try {
      text = JSON.stringify(value) as string | undefined;
    } catch (error) {
      throw new TypeError(`chunk: JSON.stringify threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (text === undefined) throw new TypeError(`chunk: JSON.stringify cannot carry a ${typeof value}`);
    return text;
  }

  /** The chunk's bytes before encoding: string → UTF-8, bytes as is, other values → JSON → UTF-8. */
  bytes(value: unknown): Uint8Array {
    if (typeof value === 'string') return textEncoder.encode(value);
    if (value instanceof Uint8Array) return value;
    return textEncoder.encode(this.json(value));
  }

  /** `utf-8`: strings and bytes as is, JSON values as one NDJSON line. */
  utf8(value: unknown): Uint8Array {
    if (typeof value === 'string' || value instanceof Uint8Array) return this.bytes(value);
    return textEncoder.encode(`${this.json(value)}\n`);
  }

  base64(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }

  hex(bytes: Uint8Array): string {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  }

  /** The body bytes of one chunk (`base64` and `hex`: one line per chunk). */
  encode(value: unknown, encoding: ChunkEncoding): Uint8Array {
    if (encoding === 'utf-8') return this.utf8(value);
    const bytes = this.bytes(value);
    return textEncoder.encode(`${encoding === 'base64' ? this.base64(bytes) : this.hex(bytes)}\n`);
  }

  /** Bytes written after the last chunk (after a normal end only); empty for nothing. */
  ending(): Uint8Array {
    return new Uint8Array(0);
  }
}
