/**
 * What the bench's servers and its client agree on: the routes every server
 * kind serves, the payloads they send, and the IPC messages of the control
 * channel (kept out of the measured path: it never touches the sockets).
 *
 * Routes (all `GET`, query parameters as numbers):
 * - `/sse?n=N&size=S` — `N` Server-Sent Events of exactly `S` bytes each
 *   (`data: xxx…\n\n`), then a clean end;
 * - `/bytes?n=N&size=S` — `N` chunks of `S` bytes of one pre-built buffer;
 * - `/idle` — an event stream that sends one event ({@link IDLE_EVENT}) and
 *   then stays open, idle, until the client goes away;
 * - `/endless?size=S` — an event stream of `S`-byte events that never ends;
 *   the server counts the events it produced (see {@link ServerStats}).
 */

import { SERVER_KINDS, type ServerKind } from '../../reports/bench/model.ts';

export { SERVER_KINDS, type ServerKind } from '../../reports/bench/model.ts';

/** Human labels of the server kinds, as the tables print them. */
export const SERVER_LABELS: Record<ServerKind, string> = {
  raw: 'raw node:http (limit)',
  reference: 'reference (sseResponse / streamResponse, bridge)',
  'raw-batched': 'raw node:http, events joined into ~64 KiB writes (batched limit)',
  'reference-manual': 'reference (createStream + writeSSE + await ready)',
  hono: 'Hono streamSSE / stream (@hono/node-server)',
};

/** Is `value` a {@link ServerKind}? */
export function isServerKind(value: string): value is ServerKind {
  return (SERVER_KINDS as readonly string[]).includes(value);
}

/** The bytes of one SSE event's framing around its data: `data: ` and the blank line. */
const SSE_FRAMING_BYTES = 'data: '.length + '\n\n'.length;

/** The smallest SSE event the bench sends (`data: x\n\n`). */
export const MIN_SSE_EVENT_BYTES = SSE_FRAMING_BYTES + 1;

/**
 * The data of an event whose whole encoding (`data: <data>\n\n`) is exactly
 * `eventBytes` bytes; e.g. 16 → `xxxxxxxx`.
 */
export function sseEventData(eventBytes: number): string {
  if (!Number.isInteger(eventBytes) || eventBytes < MIN_SSE_EVENT_BYTES) {
    throw new RangeError(`size must be an integer ≥ ${MIN_SSE_EVENT_BYTES} (an SSE event's framing is ${SSE_FRAMING_BYTES} bytes), got ${eventBytes}`);
  }
  return 'x'.repeat(eventBytes - SSE_FRAMING_BYTES);
}

/** The whole encoded event of {@link sseEventData}: `data: xxx…\n\n`. */
export function sseEventText(eventBytes: number): string {
  return `data: ${sseEventData(eventBytes)}\n\n`;
}

/** The data of the one event an `/idle` stream sends before going quiet. */
export const IDLE_EVENT_DATA = 'open';

/** The encoded event of {@link IDLE_EVENT_DATA}. */
export const IDLE_EVENT = `data: ${IDLE_EVENT_DATA}\n\n`;

/** A request from the bench to a server child, on the IPC channel. */
export type ControlRequest =
  | { type: 'memory' }
  | { type: 'stats' }
  | { type: 'stop' };

/** Memory of a server child after two full garbage collections (bytes). */
export interface MemorySample {
  rss: number;
  /** Committed V8 heap. */
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Committed bytes per V8 heap space (`new_space`, `old_space`, …). */
  heapSpaces: Record<string, number>;
}

/** What a server counted: events produced by `/endless` streams, streams open. */
export interface ServerStats {
  endlessEventsProduced: number;
  openStreams: number;
}

/** A message from a server child to the bench. */
export type ControlReply =
  | { type: 'listening'; port: number }
  | { type: 'memory'; memory: MemorySample }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'failed'; message: string };

/** Parses the query of a bench route: `n` and `size` as non-negative integers. */
export function routeParams(search: URLSearchParams): { n: number; size: number } {
  const n = Number(search.get('n') ?? '0');
  const size = Number(search.get('size') ?? '16');
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${JSON.stringify(search.get('n'))}`);
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${JSON.stringify(search.get('size'))}`);
  return { n, size };
}
