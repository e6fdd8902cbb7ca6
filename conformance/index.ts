/** streamconform's programmatic API: the adapter contract, the registry, the runner and the reports. */
export { defineAdapter, AdapterLoadError } from './adapter/contract.ts';
export type { Adapter, ListeningServer, AdapterLoadErrorCode } from './adapter/contract.ts';
export { loadAdapter, resolveAdapter, REFERENCE_ADAPTER } from './adapter/load.ts';
export { requirements, findRequirement, getRequirement, requirementsOfArea, AREAS } from './requirements/index.ts';
export type { Area, Level, Profile, Requirement, RequirementId } from './requirements/index.ts';
export { runConformance, replayCommand, DEFAULT_TIMEOUT_MS } from './runner/run.ts';
export type { SuiteOptions, ProgressEvent } from './runner/run.ts';
export type { Check, CheckContext, ResolvedAdapter } from './runner/check.ts';
export { writeConformanceReports } from '../reports/conformance/index.ts';
export type { ConformanceReport, AdapterReport, RequirementResult, Counterexample } from '../reports/conformance/model.ts';
