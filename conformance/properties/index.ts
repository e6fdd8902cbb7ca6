/** Every check of the suite, by area. Each area's file exports its array. */
import type { Check } from '../runner/check.ts';
import { sseChecks } from './sse/index.ts';
import { chunkChecks } from './chunk.ts';
import { hdrChecks } from './hdr.ts';
import { streamChecks } from './stream.ts';
import { genChecks } from './gen.ts';
import { closeChecks } from './close.ts';
import { eventSourceChecks, wireChecks } from './wire/index.ts';
import { browserChecks } from './browser.ts';

export const allChecks: readonly Check[] = [
  ...sseChecks,
  ...chunkChecks,
  ...hdrChecks,
  ...streamChecks,
  ...genChecks,
  ...closeChecks,
  ...wireChecks,
  ...eventSourceChecks,
  ...browserChecks,
];
