/**
 * The requirement × implementation matrix (Autobahn's report layout): one
 * row per requirement, one cell per adapter, in the order the runner
 * reported them.
 */
import type { Level, Profile, RequirementId } from './model.ts';
import { isFailureVerdict, isNotJudgedVerdict, VERDICT_RANK } from './fix-first.ts';
import type { AdapterReport, ConformanceReport, RequirementResult } from './model.ts';

/** One row of the matrix. */
export interface MatrixRow {
  id: RequirementId;
  /** The id's prefix (`SSE`, `WIRE`, ...); free text if the id is malformed. */
  area: string;
  level: Level;
  title: string;
  profile: Profile;
  /** One cell per adapter, in `report.adapters` order; `undefined` where that adapter has no result. */
  cells: (RequirementResult | undefined)[];
}

/** The area of a requirement id: what comes before its last `-`. */
export function areaOfId(id: string): string {
  const dash = id.lastIndexOf('-');
  return dash > 0 ? id.slice(0, dash) : id;
}

/** Rows in order of first appearance across adapters. */
export function matrixRows(report: Pick<ConformanceReport, 'adapters'>): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  report.adapters.forEach((adapter, adapterIndex) => {
    for (const result of adapter.requirements) {
      let row = rows.get(result.id);
      if (row === undefined) {
        row = {
          id: result.id,
          area: areaOfId(result.id),
          level: result.level,
          title: result.title,
          profile: result.profile,
          cells: report.adapters.map(() => undefined),
        };
        rows.set(result.id, row);
      }
      row.cells[adapterIndex] = result;
    }
  });
  return [...rows.values()];
}

/** The rank of a row: that of its worst cell ({@link VERDICT_RANK}). */
function rowRank(row: MatrixRow): number {
  return Math.min(...row.cells.map((cell) => (cell === undefined ? Number.POSITIVE_INFINITY : VERDICT_RANK[cell.verdict])));
}

/**
 * The rows with failures first: by their worst cell (failed, non-strict,
 * blocked, harness error, unimplemented, ok, skipped), registry order
 * within a verdict.
 */
export function rowsByVerdict(rows: readonly MatrixRow[]): MatrixRow[] {
  return rows
    .map((row, index) => ({ row, index, rank: rowRank(row) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ row }) => row);
}

/** A failed result with the adapter it belongs to (one `<details>` each). */
export interface FailureEntry {
  adapter: AdapterReport;
  adapterIndex: number;
  result: RequirementResult;
  /** A stable anchor id, e.g. `fail-1-SSE-004`. */
  anchor: string;
}

/** The anchor of a result's failure details. Only `[A-Za-z0-9_-]`. */
export function failureAnchor(adapterIndex: number, id: string): string {
  return `fail-${adapterIndex}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * Every result with details worth reading, failures first: failed, then
 * non-strict, then blocked, harness error and unimplemented; adapter by
 * adapter, in report order, within a verdict.
 */
export function detailEntries(report: Pick<ConformanceReport, 'adapters'>): FailureEntry[] {
  const entries: FailureEntry[] = [];
  report.adapters.forEach((adapter, adapterIndex) => {
    for (const result of adapter.requirements) {
      if (isFailureVerdict(result.verdict) || isNotJudgedVerdict(result.verdict)) {
        entries.push({ adapter, adapterIndex, result, anchor: failureAnchor(adapterIndex, result.id) });
      }
    }
  });
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => VERDICT_RANK[a.entry.result.verdict] - VERDICT_RANK[b.entry.result.verdict] || a.index - b.index)
    .map(({ entry }) => entry);
}
