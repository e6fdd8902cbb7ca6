/** Text is encoded to UTF-8 by a new TextEncoder at every call, and the reference is handed bytes only. */
import { withPatch } from '../broken/break.ts';
import { mapSource } from '../broken/sources.ts';
import { isOpen } from '../broken/stream-like.ts';
import { commentBytes, sseBytes, writeBytes } from './kit/coalesce.ts';
import { vary } from './kit/vary.ts';

export const departs =
  'strings become bytes at the call (a new TextEncoder per write, per writeSSE, per yielded string) instead of where the reference encodes them (its bridge lets Node encode text as it writes); STREAM-001/GEN-001 ask for the UTF-8 bytes, not for where they are made';

export default vary({
  name: 'text-encoded-per-write',
  wrapStream: (stream, inner) => {
    const send = (method: string, encode: () => Uint8Array): void => {
      if (!isOpen(inner)) inner.write(''); // throws the reference's "stream ended" error
      inner.write(encode());
    };
    return withPatch(stream, {
      write: (data) => send('write', () => writeBytes(data)),
      writeSSE: (data, options) => send('writeSSE', () => sseBytes(data, options)),
      writeComment: (text) => send('writeComment', () => commentBytes(text)),
    });
  },
  wrapContext: (ctx) => ({
    ...ctx,
    streamResponse: (iterable, options) =>
      ctx.streamResponse(
        mapSource('iterable', iterable, (value) => (typeof value === 'string' ? new TextEncoder().encode(value) : value)),
        options,
      ),
  }),
});
