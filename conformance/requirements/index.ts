/**
 * The requirement registry: the one place each requirement lives. The spec
 * (`docs/spec.md`), the properties and the reports all read it; the project's
 * tests fail when any of them disagrees with it.
 */
import { browserRequirements } from './browser.js';
import { chunkRequirements } from './chunk.js';
import { closeRequirements } from './close.js';
import { areaOf } from './define.js';
import { genRequirements } from './gen.js';
import { hdrRequirements } from './hdr.js';
import { sseRequirements } from './sse.js';
import { streamRequirements } from './stream.js';
import { AREAS, type Area, type Requirement, type RequirementId } from './types.js';
import { wireRequirements } from './wire.js';

export type { Area, Level, Profile, Requirement, RequirementId } from './types.js';
export { AREAS } from './types.js';

/** All requirements, grouped by area in DESIGN §2 order. */
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
