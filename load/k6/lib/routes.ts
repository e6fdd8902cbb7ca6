/**
 * The load target's scenario routes and their query parameters, shared by the
 * target (`load/serve/`) and the k6 scripts. Every route is finite: it ends
 * after `count` units. No k6 and no Node imports.
 */
import type { ChunkEncoding } from './payload.ts';

/** Query parameters of a scenario route. */
export interface RouteParams {
  /** Units to send (lines, blocks, chunks, events). */
  count: number;
  /** ms between units (0: as fast as the implementation takes them). */
  interval: number;
  /** Bytes of padding per unit. */
  size: number;
  /** Chunk encoding (`/chunked`, `/chunked/stream`). */
  encoding: ChunkEncoding;
  /** SSE `retry:` sent with the first event (`/sse/ids`). */
  retry: number;
}

export type ParamName = keyof RouteParams;

/** What a route sends and how. */
export interface RouteSpec {
  path: string;
  /** Which guide API it uses. */
  api: string;
  description: string;
  /** Parameters the route accepts (others are a 400). */
  params: readonly ParamName[];
  defaults: RouteParams;
}

const BASE: RouteParams = { count: 20, interval: 50, size: 16, encoding: 'utf-8', retry: 3000 };

/** Every scenario route, by scenario name. */
export const ROUTES = {
  'text-manual': {
    path: '/text/manual',
    api: 'ctx.createStream + stream.write',
    description: 'text/plain lines `line i....\\n`, `size` bytes each, written by a manual stream',
    params: ['count', 'interval', 'size'],
    defaults: BASE,
  },
  'text-generator': {
    path: '/text/generator',
    api: 'ctx.streamResponse(async generator of strings)',
    description: 'the same lines, yielded by an async generator',
    params: ['count', 'interval', 'size'],
    defaults: BASE,
  },
  binary: {
    path: '/binary',
    api: 'ctx.streamResponse(async generator of Uint8Array)',
    description: 'application/octet-stream: `count` blocks of `size` bytes, byte j of block i = (31·i + j) mod 256',
    params: ['count', 'interval', 'size'],
    defaults: { ...BASE, size: 1024 },
  },
  chunked: {
    path: '/chunked',
    api: 'ctx.chunkedResponse(array, { encoding })',
    description: 'chunks {"i":i,"pad":"..."} in the chosen encoding (NDJSON, base64 or hex lines); an array, so no interval',
    params: ['count', 'size', 'encoding'],
    defaults: { ...BASE, interval: 0 },
  },
  'chunked-stream': {
    path: '/chunked/stream',
    api: 'ctx.createStream + stream.writeChunk(value, { encoding })',
    description: 'the same chunks written one by one, `interval` ms apart',
    params: ['count', 'interval', 'size', 'encoding'],
    defaults: BASE,
  },
  sse: {
    path: '/sse',
    api: 'ctx.sseResponse(async generator of objects)',
    description: 'text/event-stream: `count` events with data {"i":i,"pad":"..."}',
    params: ['count', 'interval', 'size'],
    defaults: BASE,
  },
  'sse-ids': {
    path: '/sse/ids',
    api: 'ctx.createStream + stream.writeSSE(data, { id, event, retry })',
    description: 'events `event: tick`, `id: i`, `retry:` on the first, data {"i":i,"pad":"..."}',
    params: ['count', 'interval', 'size', 'retry'],
    defaults: BASE,
  },
  slow: {
    path: '/slow',
    api: 'ctx.streamResponse(async generator of Uint8Array), pulled by the client',
    description: 'slow-consumer route: binary blocks produced only as fast as the client reads (memory must stay bounded)',
    params: ['count', 'interval', 'size'],
    defaults: { ...BASE, count: 256, interval: 0, size: 65536 },
  },
} as const satisfies Record<string, RouteSpec>;

export type ScenarioName = keyof typeof ROUTES;

export const SCENARIO_NAMES = Object.keys(ROUTES) as ScenarioName[];

/** The target's memory and stream counters (JSON). */
export const METRICS_PATH = '/metrics';

/** Limits the target enforces (a 400 names the parameter and the rule). */
export const PARAM_LIMITS = {
  count: { min: 0, max: 1_000_000 },
  interval: { min: 0, max: 60_000 },
  size: { min: 0, max: 1_048_576 },
  retry: { min: 0, max: 2_147_483_647 },
  /** count × size for a single response. */
  totalBytes: 1_073_741_824,
  /** count × size for `/chunked` (the array is built in memory first). */
  arrayBytes: 67_108_864,
} as const;

/** `/sse?count=20&interval=50`: a route URL with the given parameters (only those given). */
export function routeUrl(baseUrl: string, scenario: ScenarioName, params: Partial<RouteParams>): string {
  const query = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${baseUrl.replace(/\/+$/, '')}${ROUTES[scenario].path}${query ? `?${query}` : ''}`;
}
