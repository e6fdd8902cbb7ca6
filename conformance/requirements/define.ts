import type { Area, Level, Profile, Requirement, RequirementId } from './types.ts';

/** Declares one requirement; the id's area must be the file's area. */
export function requirement(
  id: RequirementId,
  level: Level,
  fields: { title: string; rule: string; rationale: string; source: string; profile?: Profile },
): Requirement {
  return { id, level, profile: fields.profile ?? 'in-process', ...fields };
}

export function areaOf(id: RequirementId): Area {
  return id.slice(0, id.lastIndexOf('-')) as Area;
}
