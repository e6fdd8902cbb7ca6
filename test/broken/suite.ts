/**
 * What the broken-adapter tests need from the suite: its checks (wrapped so
 * that we learn which ones are fast-check properties), the adapters in
 * `test/broken/adapters/` with what each says it breaks, and the
 * requirements of an area.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Check, CheckContext } from '../../conformance/runner/check.ts';
import { requirements } from '../../conformance/requirements/index.ts';
import { areaOf } from '../../conformance/requirements/define.ts';
import type { Profile, Requirement, RequirementId } from '../../conformance/requirements/types.ts';

export const ADAPTERS_DIR = fileURLToPath(new URL('./adapters/', import.meta.url));
const PROPERTIES_DIR = fileURLToPath(new URL('../../conformance/properties/', import.meta.url));
const MODULE = /\.(ts|mts|js|mjs)$/;

/** What an adapter declares besides `breaks`: the requirements its defect truly breaks too, each with why (`export const alsoBreaks`). */
export type AlsoBreaks = Partial<Record<RequirementId, string>>;

/** What an adapter file in `test/broken/adapters/` declares besides its default export. */
export interface BrokenAdapterFile {
  /** The file name, e.g. `sse-split-lf-only.ts`. */
  file: string;
  /** Absolute path (what `loadAdapter` gets). */
  path: string;
  /** The one requirement it violates (`export const breaks`). */
  breaks?: RequirementId;
  /**
   * The run profile whose checks show the violation (`export const profile`),
   * when it is not the requirement's own: GEN-004 judged over a socket is
   * `wire`. Default: the requirement's profile.
   */
  profile?: Profile;
  /**
   * The other requirements whose rule its defect truly breaks, each with the
   * reason (`export const alsoBreaks = { 'SSE-016': 'why' }`): its run over
   * its whole area must fail exactly these and `breaks`.
   */
  alsoBreaks: { id: RequirementId; why: string }[];
  /** What is wrong with how the file declares `alsoBreaks` (an array, a reason that is not a string, ...). */
  declarationProblems: string[];
  /** Hostile adapters (`export const hostile`): what they do to the runner. */
  hostile?: string;
  /** Hostile adapters: the requirements to run against them (`export const affects`). */
  affects: RequirementId[];
}

/** Every adapter file of the folder, sorted by name (others may add files later). */
export async function brokenAdapterFiles(): Promise<BrokenAdapterFile[]> {
  const files = readdirSync(ADAPTERS_DIR)
    .filter((file) => MODULE.test(file) && !file.endsWith('.d.ts'))
    .sort();
  const found: BrokenAdapterFile[] = [];
  for (const file of files) {
    const path = join(ADAPTERS_DIR, file);
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const { entries, problems } = alsoBreaksOf(module.alsoBreaks);
    if ('stillPasses' in module) problems.push('exports stillPasses, which is gone: its run covers every requirement of its area');
    const entry: BrokenAdapterFile = { file, path, alsoBreaks: entries, declarationProblems: problems, affects: idList(module.affects) };
    if (typeof module.breaks === 'string') entry.breaks = module.breaks as RequirementId;
    if (typeof module.profile === 'string') entry.profile = module.profile as Profile;
    if (typeof module.hostile === 'string') entry.hostile = module.hostile;
    found.push(entry);
  }
  return found;
}

/** `export const alsoBreaks` read as id → reason entries, with what does not fit that shape. */
function alsoBreaksOf(value: unknown): { entries: { id: RequirementId; why: string }[]; problems: string[] } {
  if (value === undefined) return { entries: [], problems: [] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { entries: [], problems: ['alsoBreaks must map each requirement id to the reason its defect breaks that rule too ({ "SSE-016": "why" })'] };
  }
  const entries: { id: RequirementId; why: string }[] = [];
  const problems: string[] = [];
  for (const [id, why] of Object.entries(value)) {
    if (typeof why === 'string') entries.push({ id: id as RequirementId, why });
    else problems.push(`alsoBreaks["${id}"] is not a reason (a string)`);
  }
  return { entries, problems };
}

function idList(value: unknown): RequirementId[] {
  return Array.isArray(value) ? value.filter((id): id is RequirementId => typeof id === 'string') : [];
}

function isCheck(value: unknown): value is Check {
  const candidate = value as Partial<Check> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.requirement === 'string' && typeof candidate.run === 'function';
}

/**
 * The suite's checks: `conformance/properties/index.ts` once every area file
 * it imports exists; until then, the `*Checks` arrays of the area files that
 * have landed.
 */
export async function loadChecks(): Promise<readonly Check[]> {
  try {
    const index = (await import('../../conformance/properties/index.ts')) as { allChecks: readonly Check[] };
    return index.allChecks;
  } catch {
    const checks: Check[] = [];
    for (const file of readdirSync(PROPERTIES_DIR).filter((name) => MODULE.test(name) && name !== 'index.ts').sort()) {
      const module = (await import(pathToFileURL(join(PROPERTIES_DIR, file)).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (name.endsWith('Checks') && Array.isArray(value)) checks.push(...value.filter(isCheck));
      }
    }
    return checks;
  }
}

/**
 * `checks`, each wrapped so that reading the run's fast-check parameters
 * (which `checkProperty` does) records the (wrapped) check as a property in `properties`.
 */
export function observeProperties(checks: readonly Check[], properties: Set<Check>): Check[] {
  return checks.map((check) => {
    const observed: Check = {
      ...check,
      run: (ctx: CheckContext) => {
        const fcParameters = new Proxy(ctx.fcParameters, {
          get(target, key, receiver) {
            properties.add(observed);
            return Reflect.get(target, key, receiver) as unknown;
          },
          ownKeys(target) {
            properties.add(observed);
            return Reflect.ownKeys(target);
          },
        });
        return check.run({ ...ctx, fcParameters });
      },
    };
    return observed;
  });
}

/** The profile a check runs in: its own, or its requirement's. */
export function checkProfile(check: Check): Profile {
  return check.profile ?? requirementOf(check.requirement).profile;
}

/** The profile an adapter file is tested in: its own `profile`, or that of the requirement it breaks. */
export function adapterProfile(entry: BrokenAdapterFile): Profile | undefined {
  return entry.profile ?? (entry.breaks === undefined ? undefined : requirementOf(entry.breaks).profile);
}

export function requirementOf(id: RequirementId): Requirement {
  const found = requirements.find((entry) => entry.id === id);
  if (!found) throw new Error(`unknown requirement ${id}`);
  return found;
}

/**
 * The requirements of `area` that have a check in `profile`: what a broken
 * adapter of that area and profile is run over (GEN in the wire profile is
 * GEN-004 alone, judged there by its wire check).
 */
export function requirementsOfAreaIn(checks: readonly Check[], area: string, profile: Profile): RequirementId[] {
  const ids = new Set(checks.filter((check) => areaOf(check.requirement) === area && checkProfile(check) === profile).map((check) => check.requirement));
  return requirements.map((entry) => entry.id).filter((id) => ids.has(id));
}
