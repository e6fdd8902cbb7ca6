/** Requirement areas (README "Reading a report"). */
export type Area = 'SSE' | 'CHUNK' | 'HDR' | 'STREAM' | 'GEN' | 'CLOSE' | 'WIRE' | 'BROWSER';

export const AREAS: readonly Area[] = ['SSE', 'CHUNK', 'HDR', 'STREAM', 'GEN', 'CLOSE', 'WIRE', 'BROWSER'];

/** RFC 2119 level. A failed SHOULD is "non-strict" and fails a run only at `--level should`. */
export type Level = 'MUST' | 'SHOULD';

/** `AREA-NNN`, opaque, never reused. */
export type RequirementId = `${Area}-${string}`;

/** How a requirement is checked: in-process on `Response`s, over a socket, or in a browser. */
export type Profile = 'in-process' | 'wire' | 'browser';

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
