/**
 * Samples the load target's `GET /metrics` while k6 runs (the target's memory
 * and open streams over time), one sample per interval, plus one at the start
 * and one at the end.
 */
import type { ServerMetricsSample } from '../../reports/load/model.ts';

export interface MetricsSampler {
  /** Stops sampling after one last sample; resolves with every sample. */
  stop(): Promise<ServerMetricsSample[]>;
}

async function sampleOnce(url: string, startedAt: number): Promise<ServerMetricsSample | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Partial<ServerMetricsSample> & { memory?: ServerMetricsSample['memory'] };
    if (!body.memory || !body.streams) return undefined;
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = body.memory;
    return {
      t: Math.round(performance.now() - startedAt),
      memory: { rss, heapUsed, heapTotal, external, arrayBuffers },
      streams: body.streams,
      bytesProduced: body.bytesProduced ?? 0,
    };
  } catch {
    return undefined; // a missed sample is a gap in the chart, not a failed run
  }
}

/** Starts sampling `${baseUrl}/metrics` every `intervalMs`. */
export function startSampler(baseUrl: string, intervalMs: number): MetricsSampler {
  const url = `${baseUrl.replace(/\/+$/, '')}/metrics`;
  const startedAt = performance.now();
  const samples: ServerMetricsSample[] = [];
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      const sample = await sampleOnce(url, startedAt);
      if (sample) samples.push(sample);
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      const last = await sampleOnce(url, startedAt);
      if (last) samples.push(last);
      return samples;
    },
  };
}
