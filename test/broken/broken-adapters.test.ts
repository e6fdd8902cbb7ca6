/**
 * The broken adapters of the in-process profile (areas SSE, CHUNK, HDR,
 * STREAM, GEN, CLOSE) and the hostile adapters: see `broken-adapter-tests.ts`.
 */
import { describeBrokenAdapters } from './broken-adapter-tests.ts';

await describeBrokenAdapters('in-process');
