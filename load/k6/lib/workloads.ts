/**
 * What each scenario asks of the target per iteration (route parameters) and
 * how many VUs its profiles start from. Plain data; `-e COUNT/INTERVAL/SIZE`
 * override the parameters. No k6 imports.
 */
import { CHUNK_ENCODINGS, type ChunkEncoding } from './payload.ts';
import { ROUTES, type RouteParams, type ScenarioName } from './routes.ts';

/** Overrides from `__ENV` (read by `config.ts`): VU scale, hold time, route parameters. */
export interface RunSettings {
  vusScale: number;
  hold?: string;
  count?: number;
  interval?: number;
  size?: number;
}

export interface Workload {
  /** The profile's nominal VU count for this scenario (scaled by `-e VUS`). */
  baseVus: number;
  params: RouteParams;
  /** Chunk encodings are taken in turn, one per iteration. */
  rotateEncodings: boolean;
  /** Slow scenario: every `abandonEvery`-th iteration the client gives up mid-stream. */
  abandonEvery?: number;
  /** p(95) budget for the last byte beyond the stream's own length (count × interval), ms. */
  durationSlackMs: number;
}

const common = { retry: 1000, encoding: 'utf-8' as ChunkEncoding };

export const WORKLOADS: Record<ScenarioName, Workload> = {
  'text-manual': { baseVus: 10, params: { ...common, count: 20, interval: 50, size: 64 }, rotateEncodings: false, durationSlackMs: 1000 },
  'text-generator': { baseVus: 10, params: { ...common, count: 20, interval: 50, size: 64 }, rotateEncodings: false, durationSlackMs: 1000 },
  binary: { baseVus: 5, params: { ...common, count: 32, interval: 10, size: 4096 }, rotateEncodings: false, durationSlackMs: 1000 },
  chunked: { baseVus: 5, params: { ...common, count: 100, interval: 0, size: 64 }, rotateEncodings: true, durationSlackMs: 1000 },
  'chunked-stream': { baseVus: 5, params: { ...common, count: 20, interval: 50, size: 64 }, rotateEncodings: true, durationSlackMs: 1000 },
  sse: { baseVus: 20, params: { ...common, count: 20, interval: 50, size: 64 }, rotateEncodings: false, durationSlackMs: 1000 },
  'sse-ids': { baseVus: 10, params: { ...common, count: 20, interval: 50, size: 64 }, rotateEncodings: false, durationSlackMs: 1000 },
  slow: { baseVus: 4, params: { ...common, count: 256, interval: 0, size: 65536 }, rotateEncodings: false, abandonEvery: 4, durationSlackMs: 30000 },
};

/** The parameters of iteration `iteration` of `scenario`, overrides applied. */
export function iterationParams(scenario: ScenarioName, iteration: number, settings: RunSettings): RouteParams {
  const workload = WORKLOADS[scenario];
  const params: RouteParams = { ...workload.params };
  if (settings.count !== undefined) params.count = settings.count;
  if (settings.interval !== undefined && ROUTES[scenario].params.some((p) => p === 'interval')) params.interval = settings.interval;
  if (settings.size !== undefined) params.size = settings.size;
  if (workload.rotateEncodings) params.encoding = CHUNK_ENCODINGS[iteration % CHUNK_ENCODINGS.length]!;
  return params;
}

/** Only the parameters the route accepts, for its query string. */
export function queryParams(scenario: ScenarioName, params: RouteParams): Partial<RouteParams> {
  const query: Partial<RouteParams> = {};
  for (const name of ROUTES[scenario].params) (query as Record<string, unknown>)[name] = params[name];
  return query;
}

/** The stream's own length in ms (count × interval). */
export function streamLengthMs(params: RouteParams): number {
  return Math.max(0, params.count - 1) * params.interval;
}

/** A request timeout above the stream's length: k6's `timeout` bounds the whole body, not idle time. */
export function requestTimeoutMs(params: RouteParams): number {
  return Math.max(10_000, 3 * streamLengthMs(params) + 5_000);
}
