/**
 * The requirement registry: the one place each requirement lives. The spec
 * (`docs/spec.md`), the properties and the reports all read it; the project's
 * tests fail when any of them disagrees with it.
 */
import { browserRequirements } from './browser.ts';
import { chunkRequirements } from './chunk.ts';
import { closeRequirements } from './close.ts';
import { areaOf } from './define.ts';
import { genRequirements } from './gen.ts';
import { hdrRequirements } from './hdr.ts';
import { sseRequirements } from './sse.ts';
import { streamRequirements } from './stream.ts';
import { AREAS, type Area, type Requirement, type RequirementId } from './types.ts';
import { wireRequirements } from './wire.ts';

export type { Area, Level, Profile, Requirement, RequirementId } from './types.ts';
export { AREAS } from './types.ts';

/** All requirements, grouped by area (SSE, CHUNK, HDR, STREAM, GEN, CLOSE, WIRE, BROWSER). */
export const requirements: readonly Requirement[] = [
  ...sseRequirements,
  ...chunkRequirements,
  ...hdrRequirements,
  ...streamRequirements,
  ...genRequirements,
  ...closeRequirements,
  ...wireRequirements,
  ...browserRequirements,
];

const byId = new Map<string, Requirement>();
for (const entry of requirements) {
  if (byId.has(entry.id)) throw new Error(`requirement registry: ${entry.id} is declared twice`);
  if (!/^[A-Z]+-\d{3}$/.test(entry.id) || !AREAS.includes(areaOf(entry.id))) {
    throw new Error(`requirement registry: "${entry.id}" is not AREA-NNN with an area of ${AREAS.join(', ')}`);
  }
  byId.set(entry.id, entry);
}

/** The requirement with this id, or undefined. */
export function findRequirement(id: string): Requirement | undefined {
  return byId.get(id);
}

/** The requirement with this id; throws for an unknown id. */
export function getRequirement(id: string): Requirement {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown requirement id "${id}"`);
  return found;
}

export function requirementsOfArea(area: Area): Requirement[] {
  return requirements.filter((entry) => areaOf(entry.id) === area);
}

export { areaOf };
