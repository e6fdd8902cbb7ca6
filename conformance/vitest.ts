/**
 * `describeConformance(adapter, options)`: the suite inside an implementer's
 * own vitest run — one `it` per check, titled `[ID] title` like the CLI's
 * reports. A failed SHOULD fails the test only at `level: 'should'`; at the
 * default level it is annotated as non-strict and logged.
 *
 * ```ts
 * import { describeConformance } from 'streamconform/vitest';
 * import adapter from './streamconform.adapter.js';
 * describeConformance(adapter, { runs: 50 });
 * ```
 */
import { beforeAll, describe, it } from 'vitest';
import type { Adapter } from './adapter/contract.ts';
import { resolveAdapter } from './adapter/load.ts';
import { allChecks } from './properties/index.ts';
import { requirements } from './requirements/index.ts';
import type { Profile } from './requirements/types.ts';
import type { ResolvedAdapter } from './adapter/under-test.ts';
import { matchesAny, parseIdGlobs } from './runner/id-glob.ts';
import { STRAY_ERRORS_REQUIREMENT } from './runner/settle.ts';
import { DEFAULT_PROFILES, DEFAULT_TIMEOUT_MS } from './runner/options.ts';
import { runCheck, type CheckOutcome } from './runner/run.ts';

export interface DescribeConformanceOptions {
  /** fast-check runs per property (default 100). */
  runs?: number;
  /** fast-check seed (default: random per test run, shown in failures). */
  seed?: number;
  /** `must` (default) or `should`. */
  level?: 'must' | 'should';
  /** Requirement id globs, e.g. `['SSE-*']`. */
  only?: string[];
  /** Profiles to run (default in-process and wire; add 'browser' for Chromium). */
  profiles?: Profile[];
  /** Per-check time limit in ms. */
  timeoutMs?: number;
}

export function describeConformance<App>(adapter: Adapter<App>, options: DescribeConformanceOptions = {}): void {
  const level = options.level ?? 'must';
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const runs = options.runs ?? 100;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const globs = parseIdGlobs(options.only ?? []);
  const profiles = new Set(options.profiles ?? DEFAULT_PROFILES);
  describe(`streamconform: ${adapter.name} (seed ${seed})`, () => {
    let resolved: ResolvedAdapter;
    beforeAll(async () => {
      resolved = await resolveAdapter(adapter, adapter.name);
    });
    /** Stray errors seen during any check: CLOSE-009 judges them, in a test of their own at the end. */
    const strays: string[] = [];
    for (const requirement of requirements) {
      if (!matchesAny(requirement.id, globs)) continue;
      const own = allChecks.filter((candidate) => candidate.requirement === requirement.id && profiles.has(candidate.profile ?? requirement.profile));
      for (const check of own) {
        it(`[${requirement.id}] ${check.title}`, { timeout: timeoutMs + 5_000 }, async (context) => {
          const outcome = await runCheck(resolved, check, { seed, runs, level, timeoutMs });
          if (!outcome) return;
          for (const stray of outcome.strayErrors ?? []) strays.push(`during [${requirement.id}] ${check.title}: ${stray}`);
          if (outcome.kind === 'pass') return;
          const text = formatOutcome(outcome, requirement.id, seed, runs);
          if (outcome.kind === 'unimplemented' || outcome.kind === 'blocked') {
            // Not a verdict on this requirement: a missing optional capability, or another requirement's failure (that one's test fails).
            await context.annotate?.(`${outcome.kind}: ${text}`, 'notice');
            return;
          }
          if (outcome.kind === 'harness-error') throw new Error(`HARNESS ERROR (a bug of streamconform, not of ${adapter.name}): ${text}`);
          if (requirement.level === 'SHOULD' && level === 'must') {
            await context.annotate?.(`non-strict: ${text}`, 'warning');
            console.warn(`[${requirement.id}] non-strict (SHOULD) failure: ${text}`);
            return;
          }
          throw new Error(text);
        });
      }
    }
    it(`[${STRAY_ERRORS_REQUIREMENT}] no unhandled rejection or uncaught exception during any check above`, () => {
      if (strays.length > 0) throw new Error(`the implementation raised ${strays.length} unhandled rejection(s) / uncaught exception(s):\n${strays.join('\n')}`);
    });
  });
}

function formatOutcome(outcome: CheckOutcome, id: string, seed: number, runs: number): string {
  const lines = [outcome.message];
  const example = outcome.counterexample;
  if (example) {
    lines.push(`counterexample: ${example.input}`);
    if (example.sent !== undefined) lines.push(`sent: ${example.sent}`);
    if (example.clientView !== undefined) lines.push(`client reads: ${example.clientView}`);
    lines.push(`replay: seed ${example.seed}${example.path ? `, path ${example.path}` : ''} (npx streamconform run --adapter <yours> --only ${id} --seed ${seed} --runs ${runs})`);
  }
  return lines.join('\n');
}
