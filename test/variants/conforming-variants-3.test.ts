import { describeVariants } from './variant-suite.ts';

await describeVariants(2, 3);
