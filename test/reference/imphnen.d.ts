/**
 * Types for the guide's `import { createApp } from 'imphnen.js'`: at run time
 * the vitest alias (test/vitest.config.ts) resolves it to reference/index.ts.
 */
declare module 'imphnen.js' {
  export const createApp: typeof import('../../reference/index.ts').createApp;
}
