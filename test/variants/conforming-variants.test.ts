/** The proof of precision: see `variant-suite.ts` and `README.md` in this folder. */
import { describeVariants } from './variant-suite.ts';

await describeVariants();
