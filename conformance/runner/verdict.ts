/** Grading (Autobahn-style) and summaries of requirement results. */
import type { Level } from '../requirements/types.ts';
import type { AdapterReport, RequirementResult, Status, Verdict } from '../../reports/conformance/model.ts';

export function gradeVerdict(status: Status, level: Level): Verdict {
  if (status === 'pass') return 'ok';
  if (status === 'skip') return 'skipped';
  return level === 'MUST' ? 'failed' : 'non-strict';
}

export function summarize(results: readonly RequirementResult[]): AdapterReport['summary'] {
  const summary = { pass: 0, fail: 0, skip: 0 };
  for (const result of results) summary[result.status]++;
  return summary;
}
