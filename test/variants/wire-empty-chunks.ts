/**
 * Conforming: the response body streams carry an empty Uint8Array for every
 * empty write (`write("")`, `write(new Uint8Array(0))`, an empty value
 * yielded to `streamResponse`), served by the project's Node bridge, which
 * writes them through to `node:http` — and Node sends nothing for an empty
 * write.
 */
import { defineAdapter } from '../../conformance/adapter/contract.ts';
import { breakReference } from '../broken/break.ts';
import { emptyChunksInBodies } from '../wire/empty-chunks.ts';

export const departs =
  'empty writes enqueue empty Uint8Arrays into the web body stream: a body stream may carry empty chunks (STREAM-005 asks for no bytes and no end, not for no chunk); on the wire they must put nothing (WIRE-017), and they do not';

/** Built with the broken-adapter blocks; `breaks` there only names the requirement the difference is about. */
export default defineAdapter({ ...breakReference({ name: 'wire-empty-chunks', breaks: 'WIRE-017', ...emptyChunksInBodies() }), name: 'variant/wire-empty-chunks' });
