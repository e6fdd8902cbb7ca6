/** streamconform's programmatic API: the adapter contract, the registry, the runner and the reports. */
export { defineAdapter, AdapterLoadError } from './adapter/contract.ts';
export type { Adapter, ListeningServer, AdapterLoadErrorCode } from './adapter/contract.ts';
export { loadAdapter, resolveAdapter, REFERENCE_ADAPTER } from './adapter/load.ts';
export { requirements, findRequirement, getRequirement, requirementsOfArea, AREAS } from './requirements/index.ts';
export type { Area, Level, Profile, Requirement, RequirementId } from './requirements/index.ts';
export { DEFAULT_TIMEOUT_MS } from './runner/options.ts';
export { runConformance } from './suite/run-suite.ts';
export { replayCommand } from './runner/run.ts';
export type { SuiteOptions, ProgressEvent } from './runner/options.ts';
export type { Check, CheckContext } from './runner/check.ts';
export type { ResolvedAdapter } from './adapter/under-test.ts';
export { writeConformanceReports } from '../reports/conformance/index.ts';
export type { ConformanceReport, AdapterReport, RequirementResult, Counterexample } from '../reports/conformance/model.ts';
export { fromNodeListener } from './adapter/node-listener.ts';
export type { NodeRequestListener, NodeListenerParts } from './adapter/node-listener.ts';
