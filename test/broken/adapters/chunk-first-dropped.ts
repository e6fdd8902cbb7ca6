/** Breaks CHUNK-010: `chunkedResponse` skips the first chunk (an off-by-one); `writeChunk` is unaffected. */
import { breakReference, type AlsoBreaks } from '../break.ts';
import { mapSource } from '../sources.ts';

export const breaks = 'CHUNK-010';

/** Its defect breaks these rules too (the whole-area run fails exactly these and `breaks`). */
export const alsoBreaks: AlsoBreaks = {
  'CHUNK-001': 'the first string chunk of a chunkedResponse is not sent at all, let alone as its UTF-8 bytes',
  'CHUNK-002': 'the first Uint8Array chunk of a chunkedResponse is not sent at all, let alone byte for byte',
  'CHUNK-003': 'the first JSON chunk of a chunkedResponse is not sent at all, let alone as JSON.stringify(value) and \\n',
  'CHUNK-005': 'the first chunk of a base64 chunkedResponse is not encoded at all: no line carries its bytes',
  'CHUNK-007': 'the first chunk of a hex chunkedResponse is not encoded at all: no line carries its bytes',
  'CHUNK-008': 'a client cannot recover a chunk that was never sent: the lines of the body are one chunk short',
};

const SKIPPED = new Uint8Array(0);

export default breakReference({
  name: 'chunk-first-dropped',
  breaks,
  wrapContext: (ctx) => ({
    ...ctx,
    // The skipped chunk becomes an empty utf-8 chunk, which sends nothing.
    chunkedResponse: (chunks, options) =>
      ctx.chunkedResponse(mapSource('chunks', chunks, (value, index) => (index === 0 ? SKIPPED : value)), options),
  }),
});
