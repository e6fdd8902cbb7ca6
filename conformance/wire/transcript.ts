/**
 * Wire transcripts: every packet a client received, with its arrival time,
 * kept as is so a report can show chunk boundaries and timings
 * (`TranscriptChunk` of `conformance.json`, README "Reading a report").
 */
import { escapeBytes } from '../bytes/escape.ts';
import type { TranscriptChunk } from '../../reports/conformance/model.ts';

/** One `data` event of a socket (or one DATA frame of an HTTP/2 stream). */
export interface Arrival {
  /** Milliseconds since the request was written. */
  atMs: number;
  bytes: Uint8Array;
}

/** Arrivals as report transcript entries (bytes escaped, CR/LF visible, times rounded to 0.1 ms). */
export function toTranscript(arrivals: readonly Arrival[]): TranscriptChunk[] {
  // A body of megabytes would make a report of tens: the first packets, each shown up to a limit, are what a reader looks at.
  return arrivals.slice(0, TRANSCRIPT_MAX_PACKETS).map((arrival) => ({
    atMs: Math.round(arrival.atMs * 10) / 10,
    escaped:
      arrival.bytes.byteLength > TRANSCRIPT_MAX_BYTES_SHOWN
        ? `${escapeBytes(arrival.bytes.subarray(0, TRANSCRIPT_MAX_BYTES_SHOWN))}… (${arrival.bytes.byteLength - TRANSCRIPT_MAX_BYTES_SHOWN} more bytes)`
        : escapeBytes(arrival.bytes),
    length: arrival.bytes.byteLength,
  }));
}

/** Packets a transcript keeps (the first ones). */
export const TRANSCRIPT_MAX_PACKETS = 200;
/** Bytes of one packet a transcript shows (its `length` is always the whole). */
export const TRANSCRIPT_MAX_BYTES_SHOWN = 1024;

/** All arrivals' bytes, concatenated. */
export function arrivedBytes(arrivals: readonly Arrival[]): Uint8Array {
  return new Uint8Array(Buffer.concat(arrivals.map((arrival) => arrival.bytes)));
}
