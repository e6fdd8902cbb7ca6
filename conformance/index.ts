/** streamconform's programmatic API: the adapter contract, the registry, the runner and the reports. */
export { defineAdapter, AdapterLoadError } from './adapter/contract.js';
export type { Adapter, ListeningServer, AdapterLoadErrorCode } from './adapter/contract.js';
export { loadAdapter, resolveAdapter, REFERENCE_ADAPTER } from './adapter/load.js';
export { requirements, findRequirement, getRequirement, requirementsOfArea, AREAS } from './requirements/index.js';
export type { Area, Level, Profile, Requirement, RequirementId } from './requirements/index.js';
export { runConformance, replayCommand, DEFAULT_TIMEOUT_MS } from './runner/run.js';
export type { SuiteOptions, ProgressEvent } from './runner/run.js';
export type { Check, CheckContext, ResolvedAdapter } from './runner/check.js';
export { writeConformanceReports } from '../reports/conformance/index.js';
export type { ConformanceReport, AdapterReport, RequirementResult, Counterexample } from '../reports/conformance/model.js';
