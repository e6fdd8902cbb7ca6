/** Builds a {@link LoadRun} from result files and writes `load.html` / `load.md`. */
import {
  compareWithBaseline,
  describeRegressions,
  readServerSamples,
  readSummaryFile,
  readTimeline,
  writeLoadReports,
  type LoadRun,
  type LoadRunInfo,
  type MetricSpec,
} from '../../reports/load/index.ts';

export interface AssembleOptions {
  /** A k6 summary of any kind. */
  summary: string;
  /** k6 `--out json` file. */
  ndjson?: string;
  /** `/metrics` samples (NDJSON). */
  serverSamples?: string;
  /** A stored summary to compare with. */
  baseline?: string;
  metrics?: readonly MetricSpec[];
  /** Relative, 0.1 = 10%. */
  tolerance?: number;
  info?: LoadRunInfo;
}

export interface AssembledReport {
  run: LoadRun;
  files: string[];
  /** Lines naming each regressed metric. */
  regressions: string[];
  failedThresholds: string[];
}

/** Reads the files, compares with the baseline, writes the reports into `dir`. */
export async function assembleLoadReport(options: AssembleOptions, dir: string): Promise<AssembledReport> {
  const summary = readSummaryFile(options.summary);
  const run: LoadRun = { summary };
  if (options.ndjson) run.timeline = await readTimeline(options.ndjson);
  if (options.serverSamples) run.server = readServerSamples(options.serverSamples);
  if (options.info) run.info = options.info;
  let regressions: string[] = [];
  if (options.baseline) {
    const comparison = compareWithBaseline(summary, readSummaryFile(options.baseline), {
      ...(options.metrics ? { specs: options.metrics } : {}),
      tolerance: options.tolerance ?? 0.1,
    });
    run.baseline = comparison;
    regressions = describeRegressions(comparison);
  }
  const files = await writeLoadReports(run, dir);
  const failedThresholds = summary.thresholds.filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`);
  return { run, files, regressions, failedThresholds };
}
