/** The broken adapters of the browser profile (Chromium's EventSource): see `broken-adapter-tests.ts`. */
import { describeBrokenAdapters } from './broken-adapter-tests.ts';

await describeBrokenAdapters('browser');
