/** The broken adapters of the wire profile (over a real socket): see `broken-adapter-tests.ts`. */
import { describeBrokenAdapters } from './broken-adapter-tests.ts';

await describeBrokenAdapters('wire');
