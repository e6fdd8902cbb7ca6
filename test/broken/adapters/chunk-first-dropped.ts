/** Breaks CHUNK-010: `chunkedResponse` skips the first chunk (an off-by-one); `writeChunk` is unaffected. */
import { breakReference } from '../break.ts';
import { mapSource } from '../sources.ts';

export const breaks = 'CHUNK-010';

/** Unavoidable: every chunk check also sends its chunks through chunkedResponse and compares the body. */
export const alsoBreaks = ['CHUNK-001', 'CHUNK-002', 'CHUNK-003', 'CHUNK-005', 'CHUNK-006', 'CHUNK-007', 'CHUNK-008', 'CHUNK-011'];

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
