/**
 * Reading the files a load report is made of: a k6 summary (any kind), the
 * `--out json` stream, and the `/metrics` samples `load run` records.
 */
import { existsSync, readFileSync } from 'node:fs';
import { LoadReportError, quote } from './errors.ts';
import type { LoadSummary, ServerMetricsSample } from './model.ts';
import { normalizeSummary } from './normalize.ts';

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw new LoadReportError('FILE_NOT_FOUND', `no such file (${what})`, file);
  return readFileSync(file, 'utf8');
}

/**
 * Reads and normalises a k6 summary file of any of the three kinds.
 * @throws {@link LoadReportError} `FILE_NOT_FOUND`, `INVALID_JSON` or `NOT_A_K6_SUMMARY`, naming the file.
 */
export function readSummaryFile(file: string): LoadSummary {
  const text = readText(file, 'a k6 summary JSON');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LoadReportError(
      'INVALID_JSON',
      `is not JSON (${(error as Error).message}); starts with ${quote(text.slice(0, 40))}. Expected a k6 summary: --summary-export, handleSummary JSON or --new-machine-readable-summary`,
      file,
      { cause: error },
    );
  }
  return normalizeSummary(json, file);
}

function isSample(value: unknown): value is ServerMetricsSample {
  if (typeof value !== 'object' || value === null) return false;
  const sample = value as Record<string, unknown>;
  const memory = sample.memory as Record<string, unknown> | undefined;
  const streams = sample.streams as Record<string, unknown> | undefined;
  return (
    typeof sample.t === 'number' &&
    typeof memory === 'object' && memory !== null && typeof memory.rss === 'number' && typeof memory.heapUsed === 'number' &&
    typeof streams === 'object' && streams !== null && typeof streams.open === 'number'
  );
}

/** Parses the `/metrics` samples (one JSON object per line). */
export function parseServerSamples(text: string, file: string): ServerMetricsSample[] {
  const samples: ServerMetricsSample[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (!isSample(value)) {
      throw new LoadReportError(
        'INVALID_SERVER_SAMPLES',
        `line ${index + 1} is ${quote(line)}; expected a /metrics sample {t, memory: {rss, heapUsed, ...}, streams: {open, ...}, bytesProduced}`,
        file,
      );
    }
    samples.push(value);
  });
  return samples;
}

/** Reads the `/metrics` samples file `load run` writes. */
export function readServerSamples(file: string): ServerMetricsSample[] {
  return parseServerSamples(readText(file, 'the /metrics samples of a load run'), file);
}
