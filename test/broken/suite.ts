/**
 * What the broken-adapter tests need from the suite: its checks (wrapped so
 * that we learn which ones are fast-check properties), the adapters in
 * `test/broken/adapters/` with what each says it breaks, and samples of
 * requirements.
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
  /** Requirements it unavoidably violates too (`export const alsoBreaks`), left out of its samples. */
  alsoBreaks: RequirementId[];
  /**
   * Requirements it must still pass (`export const stillPasses`), for an
   * adapter whose flaw unavoidably shows in every check of its area; when
   * absent, a sample of its area is drawn.
   */
  stillPasses: RequirementId[];
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
    const entry: BrokenAdapterFile = {
      file,
      path,
      alsoBreaks: idList(module.alsoBreaks),
      stillPasses: idList(module.stillPasses),
      affects: idList(module.affects),
    };
    if (typeof module.breaks === 'string') entry.breaks = module.breaks as RequirementId;
    if (typeof module.profile === 'string') entry.profile = module.profile as Profile;
    if (typeof module.hostile === 'string') entry.hostile = module.hostile;
    found.push(entry);
  }
  return found;
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
 * Up to `size` requirements of the same area and profile as `target`, none of
 * `excluded`, taken from `candidates` starting at a position that rotates
 * with `rotation` (so the adapters of an area share the area's requirements
 * among their samples).
 */
export function sampleOfArea(
  target: RequirementId,
  excluded: ReadonlySet<string>,
  candidates: readonly RequirementId[],
  size: number,
  rotation: number,
): RequirementId[] {
  const { profile } = requirementOf(target);
  const pool = candidates.filter((id) => areaOf(id) === areaOf(target) && requirementOf(id).profile === profile && !excluded.has(id));
  if (pool.length <= size) return pool;
  const start = (rotation * size) % pool.length;
  return Array.from({ length: size }, (_, i) => pool[(start + i) % pool.length]!);
}
