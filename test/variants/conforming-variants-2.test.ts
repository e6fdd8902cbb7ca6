import { describeVariants } from './variant-suite.ts';

await describeVariants(1, 3);
