/**
 * The one `handleSummary` every script exports: writes the summary data as
 * JSON (what `streamconform load report` and `load run` read; thresholds there
 * are `{ok}` and rates are `rate`) and prints a short text summary.
 *
 * https://grafana.com/docs/k6/latest/results-output/end-of-test/custom-summary/
 */
import { summaryJsonPath } from './config.ts';

/** A group of checks (`teardown`'s checks are in a group of that name). */
export interface SummaryGroup {
  name: string;
  checks: Array<{ name: string; passes: number; fails: number }>;
  groups?: SummaryGroup[];
}

function allChecks(group: SummaryGroup): SummaryGroup['checks'] {
  return [...group.checks, ...(group.groups ?? []).flatMap(allChecks)];
}

/** The part of k6's summary data this file reads (the JSON holds all of it). */
export interface SummaryData {
  metrics: Record<
    string,
    {
      type: 'counter' | 'gauge' | 'rate' | 'trend';
      contains: 'default' | 'time' | 'data';
      values: Record<string, number>;
      thresholds?: Record<string, { ok: boolean }>;
    }
  >;
  root_group: SummaryGroup;
  state: { testRunDurationMs: number };
}

function ms(value: number | undefined): string {
  return value === undefined ? '—' : value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${value.toFixed(1)}ms`;
}

/** The text k6 prints at the end (k6 prints no summary of its own when handleSummary exists). */
export function textSummary(data: SummaryData): string {
  const lines: string[] = [''];
  const value = (metric: string, stat: string): number | undefined => data.metrics[metric]?.values[stat];
  lines.push(
    `run ${ms(data.state.testRunDurationMs)} · requests ${value('http_reqs', 'count') ?? 0} · failed ${((value('http_req_failed', 'rate') ?? 0) * 100).toFixed(2)}% · checks ${((value('checks', 'rate') ?? 0) * 100).toFixed(2)}%`,
  );
  lines.push(`TTFB (http_req_waiting) p95 ${ms(value('http_req_waiting', 'p(95)'))} · last byte (http_req_duration) p95 ${ms(value('http_req_duration', 'p(95)'))}`);
  const names = Object.keys(data.metrics).sort();
  let failed = 0;
  for (const name of names) {
    const thresholds = data.metrics[name]!.thresholds ?? {};
    for (const expression of Object.keys(thresholds)) {
      const ok = thresholds[expression]!.ok;
      if (!ok) failed += 1;
      lines.push(`  ${ok ? '✓' : '✗'} ${name} ${expression}`);
    }
  }
  for (const check of allChecks(data.root_group)) {
    if (check.fails > 0) lines.push(`  ✗ check "${check.name}": ${check.fails} of ${check.passes + check.fails} failed`);
  }
  if ((value('http_reqs', 'count') ?? 0) === 0) lines.push('no requests were made: the run stopped before its scenarios (see the error k6 logged)');
  lines.push(failed === 0 ? 'thresholds: all passed' : `thresholds: ${failed} crossed`, '');
  return lines.join('\n');
}

/** k6 calls this once at the end; each key is a file to write (`stdout` is the console). */
export function handleSummary(data: SummaryData): Record<string, string> {
  const outputs: Record<string, string> = { stdout: textSummary(data) };
  const path = summaryJsonPath();
  if (path !== undefined) outputs[path] = JSON.stringify(data);
  return outputs;
}
