/**
 * Wire transcripts: every packet a client received, with its arrival time,
 * kept as is so a report can show chunk boundaries and timings
 * (`TranscriptChunk` of `conformance.json`, DESIGN §2).
 */
import { escapeBytes } from '../drive/escape.js';
import type { TranscriptChunk } from '../../reports/conformance/model.js';

/** One `data` event of a socket (or one DATA frame of an HTTP/2 stream). */
export interface Arrival {
  /** Milliseconds since the request was written. */
  atMs: number;
  bytes: Uint8Array;
}

/** Arrivals as report transcript entries (bytes escaped, CR/LF visible, times rounded to 0.1 ms). */
export function toTranscript(arrivals: readonly Arrival[]): TranscriptChunk[] {
  return arrivals.map((arrival) => ({
    atMs: Math.round(arrival.atMs * 10) / 10,
    escaped: escapeBytes(arrival.bytes),
    length: arrival.bytes.byteLength,
  }));
}

/** All arrivals' bytes, concatenated. */
export function arrivedBytes(arrivals: readonly Arrival[]): Uint8Array {
  return new Uint8Array(Buffer.concat(arrivals.map((arrival) => arrival.bytes)));
}
