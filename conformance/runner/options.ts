/** What a conformance run is asked to do, and what it reports as it goes. */
import type { Profile, Requirement } from '../requirements/types.ts';
import type { AdapterReport, RequirementResult } from '../../reports/conformance/model.ts';
import type { RunLevel } from '../../reports/conformance/outcome.ts';
import type { Check } from './check.ts';
import type { RuntimeName } from '../adapter/runtime.ts';

export interface SuiteOptions {
  seed: number;
  /** fast-check runs per property. */
  runs: number;
  level: RunLevel;
  /** `--only` id globs; empty = all. */
  only?: readonly string[];
  /** Profiles to run; requirements of other profiles are skipped. Default: in-process and wire. */
  profiles?: readonly Profile[];
  /** Per-check time limit (ms). Default 20 s. */
  timeoutMs?: number;
  /** The checks (default: all of `conformance/properties`). */
  checks?: readonly Check[];
  /** The requirements (default: the registry). */
  requirements?: readonly Requirement[];
  /** Called as the run goes. */
  onProgress?: (event: ProgressEvent) => void;
  /** The command line shown in reports and replay lines (default: `npx streamconform run`). */
  command?: string;
  /**
   * Run each adapter in a child process watched from this one, so an
   * implementation that blocks the event loop (a synchronous endless loop)
   * costs one check, not the run. Needs adapters loaded from a module path
   * or `reference` (their `source`). The CLI sets it.
   */
  isolate?: boolean;
  /**
   * The runtimes each adapter runs in (`--runtime`; default: Node). Another
   * runtime than this process's needs `isolate` (the child runs in it).
   */
  runtimes?: readonly RuntimeName[];
  /** Called when a requirement starts (the isolation watchdog uses it). */
  onRequirementStart?: (id: string) => void;
  version?: string;
}

export type ProgressEvent =
  | { kind: 'adapter-start'; adapter: string; total: number }
  | { kind: 'requirement-done'; adapter: string; index: number; total: number; result: RequirementResult }
  /** A result changed once the whole run was seen (CLOSE-009 judges stray errors of every check; a blocked result whose blocker was not judged). */
  | { kind: 'requirement-revised'; adapter: string; result: RequirementResult }
  | { kind: 'adapter-done'; adapter: string; report: AdapterReport };

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_PROFILES: readonly Profile[] = ['in-process', 'wire'];
