import type { Area, Level, Profile, RequirementId } from '../../reports/conformance/model.ts';

/** Areas, levels, ids and profiles are the report's vocabulary too: declared once, in the report's model. */
export type { Area, Level, Profile, RequirementId } from '../../reports/conformance/model.ts';

export const AREAS: readonly Area[] = ['SSE', 'CHUNK', 'HDR', 'STREAM', 'GEN', 'CLOSE', 'WIRE', 'BROWSER'];

export interface Requirement {
  id: RequirementId;
  level: Level;
  /** Short, flat, searchable: what the requirement is about. */
  title: string;
  /** The one-line rule, normative wording (MUST/SHOULD). */
  rule: string;
  /** Why: what breaks for a user when this is violated. */
  rationale: string;
  /** Where it comes from: guide section, WHATWG HTML §9.2.x, RFC 9112 §7.1, spec §2, ... */
  source: string;
  /** Which run profile checks it. */
  profile: Profile;
}
