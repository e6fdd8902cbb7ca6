/** Every check of the suite, by area. Each area's file exports its array. */
import type { Check } from '../runner/check.js';
import { sseChecks } from './sse.js';
import { chunkChecks } from './chunk.js';
import { hdrChecks } from './hdr.js';
import { streamChecks } from './stream.js';
import { genChecks } from './gen.js';
import { closeChecks } from './close.js';
import { wireChecks } from './wire.js';
import { eventSourceChecks } from './eventsource.js';
import { browserChecks } from './browser.js';

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
