/**
 * Breaks WIRE-017: the implementation's body streams carry an empty chunk
 * for every empty write (allowed), and its HTTP/1.1 bridge frames every
 * chunk it reads, empty ones too — `0\r\n\r\n`, the last chunk, in the
 * middle of the body. The client takes the body as complete there.
 */
import { defineAdapter } from '../../../conformance/adapter/contract.ts';
import { breakReference } from '../break.ts';
import { rawHttp1Bridge } from '../../wire/broken-bridges.ts';
import { emptyChunksInBodies } from '../../wire/empty-chunks.ts';

export const breaks = 'WIRE-017';

const app = breakReference({ name: 'wire-http1-empty-chunk-ends-body', breaks, ...emptyChunksInBodies() });

export default defineAdapter({
  ...app,
  listen: (created) => rawHttp1Bridge(created, { frameEmptyChunks: true }),
});
