/**
 * Reads k6's `--out json` stream (NDJSON: `{"type":"Metric",...}` declarations
 * and `{"type":"Point","metric":NAME,"data":{time,value,tags}}` samples) into
 * per-second buckets and log-scale histograms, in one pass and bounded memory
 * (a soak run's file can be gigabytes).
 *
 * https://grafana.com/docs/k6/latest/results-output/real-time/json/
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { LoadReportError, quote } from './errors.ts';
import type { Histogram, LoadTimeline, TimelineBucket } from './model.ts';

/** Lower bound of the first histogram bin (ms); bins grow by 2^(1/4). */
const HISTOGRAM_FLOOR_MS = 0.01;
const BINS_PER_OCTAVE = 8;
const HISTOGRAM_BINS = 224; // 0.01 ms … ~2.7 h

function histogramBin(value: number): number {
  if (!(value > HISTOGRAM_FLOOR_MS)) return 0;
  const bin = Math.floor(Math.log2(value / HISTOGRAM_FLOOR_MS) * BINS_PER_OCTAVE) + 1;
  return Math.min(bin, HISTOGRAM_BINS - 1);
}

function binLowerBound(bin: number): number {
  return bin === 0 ? 0 : HISTOGRAM_FLOOR_MS * 2 ** ((bin - 1) / BINS_PER_OCTAVE);
}

interface MutableBucket {
  requests: number;
  failedRequests: number;
  vus?: number;
  events: Record<string, number>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accumulates NDJSON lines; {@link TimelineBuilder.finish} gives the {@link LoadTimeline}. */
export class TimelineBuilder {
  private readonly seconds = new Map<number, MutableBucket>();
  private readonly counterMetrics = new Set<string>();
  private readonly eventMetrics = new Set<string>();
  private readonly waiting = new Array<number>(HISTOGRAM_BINS).fill(0);
  private readonly duration = new Array<number>(HISTOGRAM_BINS).fill(0);
  private readonly errors: Record<string, number> = {};
  private lines = 0;
  private points = 0;
  private firstTime: number | undefined;
  private firstTimeText: string | undefined;

  private readonly file: string;
  constructor(file: string) {
    this.file = file;
  }

  /**
   * Adds one line (blank lines are ignored).
   * @throws {@link LoadReportError} `INVALID_NDJSON` naming the file and line.
   */
  addLine(line: string): void {
    this.lines += 1;
    if (line.trim() === '') return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (error) {
      throw new LoadReportError(
        'INVALID_NDJSON',
        `line ${this.lines} is not JSON (${(error as Error).message}): ${quote(line)}; expected k6 --out json lines`,
        this.file,
        { cause: error },
      );
    }
    if (!isRecord(entry) || (entry.type !== 'Metric' && entry.type !== 'Point') || typeof entry.metric !== 'string' || !isRecord(entry.data)) {
      throw new LoadReportError(
        'INVALID_NDJSON',
        `line ${this.lines} is ${quote(line)}; k6 --out json lines are {"type":"Metric"|"Point","metric":NAME,"data":{...}}`,
        this.file,
      );
    }
    const metric = entry.metric;
    const data = entry.data;
    if (entry.type === 'Metric') {
      if (data.type === 'counter') {
        this.counterMetrics.add(metric);
        if (metric.endsWith('_total')) this.eventMetrics.add(metric);
      }
      return;
    }
    const time = typeof data.time === 'string' ? Date.parse(data.time) : Number.NaN;
    const value = data.value;
    if (!Number.isFinite(time) || typeof value !== 'number') {
      throw new LoadReportError(
        'INVALID_NDJSON',
        `line ${this.lines}: a Point needs data.time (RFC 3339) and a numeric data.value, got ${quote(data)}`,
        this.file,
      );
    }
    this.points += 1;
    if (this.firstTime === undefined || time < this.firstTime) {
      this.firstTime = time;
      this.firstTimeText = data.time as string;
    }
    const tags = isRecord(data.tags) ? data.tags : {};
    const key = Math.floor(time / 1000);
    let bucket = this.seconds.get(key);
    if (!bucket) {
      bucket = { requests: 0, failedRequests: 0, events: {} };
      this.seconds.set(key, bucket);
    }
    switch (metric) {
      case 'http_reqs':
        bucket.requests += value;
        if (tags.expected_response === 'false') bucket.failedRequests += value;
        if (typeof tags.error === 'string' && tags.error !== '') {
          this.errors[tags.error] = (this.errors[tags.error] ?? 0) + value;
        }
        break;
      case 'vus':
        bucket.vus = Math.max(bucket.vus ?? 0, value);
        break;
      case 'http_req_waiting':
        this.waiting[histogramBin(value)]! += 1;
        break;
      case 'http_req_duration':
        this.duration[histogramBin(value)]! += 1;
        break;
      default:
        if (this.eventMetrics.has(metric)) bucket.events[metric] = (bucket.events[metric] ?? 0) + value;
    }
  }

  finish(): LoadTimeline {
    const keys = [...this.seconds.keys()];
    const buckets: TimelineBucket[] = [];
    if (keys.length > 0) {
      const first = Math.min(...keys);
      const last = Math.max(...keys);
      for (let key = first; key <= last; key += 1) {
        const bucket = this.seconds.get(key) ?? { requests: 0, failedRequests: 0, events: {} };
        const row: TimelineBucket = {
          second: key - first,
          requests: bucket.requests,
          failedRequests: bucket.failedRequests,
          events: bucket.events,
        };
        if (bucket.vus !== undefined) row.vus = bucket.vus;
        buckets.push(row);
      }
    }
    const timeline: LoadTimeline = {
      file: this.file,
      lines: this.lines,
      points: this.points,
      buckets,
      eventMetrics: [...this.eventMetrics].sort(),
      histograms: {
        waiting: toHistogram('http_req_waiting', this.waiting),
        duration: toHistogram('http_req_duration', this.duration),
      },
      errors: { ...this.errors },
    };
    if (this.firstTimeText !== undefined) timeline.startedAt = this.firstTimeText;
    return timeline;
  }
}

function toHistogram(metric: string, counts: readonly number[]): Histogram {
  const first = counts.findIndex((count) => count > 0);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (first === -1) return { metric, bounds: [], counts: [], total: 0 };
  let last = counts.length - 1;
  while (counts[last] === 0) last -= 1;
  const bounds: number[] = [];
  for (let bin = first; bin <= last + 1; bin += 1) bounds.push(binLowerBound(bin));
  return { metric, bounds, counts: counts.slice(first, last + 1), total };
}

/**
 * Reads a k6 `--out json` file (`.gz` too) into a {@link LoadTimeline}.
 * @throws {@link LoadReportError} `FILE_NOT_FOUND` or `INVALID_NDJSON`.
 */
export async function readTimeline(file: string): Promise<LoadTimeline> {
  if (!existsSync(file)) throw new LoadReportError('FILE_NOT_FOUND', 'no such file (the k6 --out json=FILE output)', file);
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const builder = new TimelineBuilder(file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) builder.addLine(line);
  return builder.finish();
}

/** Builds a timeline from text already in memory (tests, small files). */
export function timelineFromText(text: string, file: string): LoadTimeline {
  const builder = new TimelineBuilder(file);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) builder.addLine(line);
  return builder.finish();
}
