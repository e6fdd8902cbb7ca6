/**
 * Breaks STREAM-010: with `flushInterval` (writes coalesced), a write after
 * `close()` or after the client went away is appended to the coalescing
 * buffer, which only a flush would check — and no flush comes: the write is
 * silently dropped instead of throwing. Streams without `flushInterval` throw
 * as the reference does.
 *
 * The defect breaks CLOSE-003's and CLOSE-004's rules for coalescing streams
 * too; their checks write after the end of streams without `flushInterval`,
 * and STREAM-010's model, which sets it on most runs, sees it.
 */
import { breakReference, withPatch } from '../break.ts';
import { isOpen, optionsRecord } from '../stream-like.ts';

export const breaks = 'STREAM-010';

export default breakReference({
  name: 'stream-coalesced-write-after-end-ignored',
  breaks,
  wrapStream: (stream, inner, options) => {
    if (optionsRecord('options', options).flushInterval === undefined) return stream;
    const ended = () => !isOpen(inner);
    return withPatch(stream, {
      write: (data) => (ended() && (typeof data === 'string' || data instanceof Uint8Array) ? undefined : stream.write(data)),
      writeChunk: (value, chunkOptions) => (ended() ? undefined : stream.writeChunk(value, chunkOptions)),
      writeSSE: (data, fields) => (ended() ? undefined : stream.writeSSE(data, fields)),
    });
  },
});
