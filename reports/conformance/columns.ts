/**
 * One report column is one adapter in one runtime. Its label is the
 * adapter's name, followed by the runtime — `reference (bun)` — whenever the
 * report has an implementation that ran elsewhere than on Node; a report
 * where everything ran on Node labels its columns by name alone, as before
 * `--runtime` existed (expectation files key on that label).
 */
import type { AdapterReport, ConformanceReport, RuntimeName } from './model.ts';

/** The runtime of a column (reports without the field ran on Node). */
export function runtimeOf(adapter: Pick<AdapterReport, 'runtime'>): RuntimeName {
  return adapter.runtime?.name ?? 'node';
}

/** Does the report have a column that did not run on Node? Then every label names its runtime. */
export function namesRuntimes(report: Pick<ConformanceReport, 'adapters'>): boolean {
  return report.adapters.some((adapter) => runtimeOf(adapter) !== 'node');
}

/** The label of a column as the run recorded it (`column`), or its name (older reports). */
export function columnOf(adapter: Pick<AdapterReport, 'name' | 'column'>): string {
  return adapter.column ?? adapter.name;
}

/** The column label of `adapter` in `report`: `name`, or `name (runtime)` (see the module comment). */
export function columnLabel(report: Pick<ConformanceReport, 'adapters'>, adapter: Pick<AdapterReport, 'name' | 'runtime'>): string {
  return namesRuntimes(report) ? runtimeLabel(adapter.name, runtimeOf(adapter)) : adapter.name;
}

/** `name (runtime)`. */
export function runtimeLabel(name: string, runtime: RuntimeName): string {
  return `${name} (${runtime})`;
}
