/**
 * The API floor (issue 14): what the generator API shape itself costs, with
 * no socket — the same async generator the reference server is given
 * (`repeat(data, n)`), drained with `for await`, each item framed as an SSE
 * event (one `data: ` line per line, then a blank line) and joined in memory
 * into ~64 KiB strings. Its events/s bounds what any server built on that
 * API can reach for small events on one connection.
 */
import { sseEventData } from './protocol.ts';
import { repeat } from './servers/reference-server.ts';

/** The size of one joined string, in UTF-16 units (the events are ASCII: bytes). */
const JOIN_UNITS = 64 * 1024;
const LINE_BREAK = /\r\n|\r|\n/;
const HAS_LINE_BREAK = /[\r\n]/;

/** `data` framed as one SSE event. */
function frame(data: string): string {
  if (!HAS_LINE_BREAK.test(data)) return `data: ${data}\n\n`;
  return `${data
    .split(LINE_BREAK)
    .map((line) => `data: ${line}\n`)
    .join('')}\n`;
}

/** Drains `source`, frames and joins; returns the bytes framed (so nothing is optimised away). */
export async function drainFramed(source: AsyncIterable<string>): Promise<number> {
  let pending = '';
  let total = 0;
  for await (const data of source) {
    pending += frame(data);
    if (pending.length >= JOIN_UNITS) {
      total += pending.length;
      pending = '';
    }
  }
  return total + pending.length;
}

/** Events per second of the floor for `events` events of `eventBytes` bytes; one timed drain. */
export async function measureApiFloorOnce(events: number, eventBytes: number): Promise<number> {
  const data = sseEventData(eventBytes);
  const started = performance.now();
  const bytes = await drainFramed(repeat(data, events));
  const seconds = (performance.now() - started) / 1000;
  if (bytes !== events * eventBytes) throw new Error(`the API floor framed ${bytes} bytes, expected ${events * eventBytes}`);
  return events / seconds;
}
