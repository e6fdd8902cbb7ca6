import { describeVariants } from './variant-suite.ts';

await describeVariants(0, 3);
