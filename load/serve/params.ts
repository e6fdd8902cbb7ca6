/**
 * Parsing a scenario route's query (`count`, `interval`, `size`, `encoding`,
 * `retry`) strictly: an unknown or malformed parameter is a 400 that names it,
 * shows the value and the rule.
 */
import { CHUNK_ENCODINGS, type ChunkEncoding } from '../k6/lib/payload.ts';
import { PARAM_LIMITS, type ParamName, type RouteParams, type RouteSpec } from '../k6/lib/routes.ts';

/** A query parameter that a route does not accept; the route answers 400 with the message. */
export class LoadParamError extends Error {
  override readonly name = 'LoadParamError';
  readonly code = 'INVALID_PARAM';
  readonly param: string;
  constructor(
    param: string,
    message: string,
  ) {
    super(message);
    this.param = param;
  }
}

function shown(value: string): string {
  return JSON.stringify(value);
}

function integer(name: Exclude<ParamName, 'encoding'>, raw: string): number {
  const { min, max } = PARAM_LIMITS[name];
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new LoadParamError(name, `query parameter ${name}=${shown(raw)} must be an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

/**
 * The route's parameters from a query string, defaults filled in.
 * @throws {@link LoadParamError} naming the parameter.
 */
export function parseRouteParams(route: RouteSpec, query: URLSearchParams): RouteParams {
  const params: RouteParams = { ...route.defaults };
  const seen = new Set<string>();
  for (const [name, raw] of query) {
    if (seen.has(name)) throw new LoadParamError(name, `query parameter ${name} is given twice; give it once`);
    seen.add(name);
    if (!(route.params as readonly string[]).includes(name)) {
      throw new LoadParamError(
        name,
        `query parameter ${shown(name)} is not accepted by ${route.path}; it takes ${route.params.join(', ')}`,
      );
    }
    if (name === 'encoding') {
      if (!(CHUNK_ENCODINGS as readonly string[]).includes(raw)) {
        throw new LoadParamError(name, `query parameter encoding=${shown(raw)} must be one of ${CHUNK_ENCODINGS.join(', ')}`);
      }
      params.encoding = raw as ChunkEncoding;
    } else {
      params[name as Exclude<ParamName, 'encoding'>] = integer(name as Exclude<ParamName, 'encoding'>, raw);
    }
  }
  const total = params.count * params.size;
  if (total > PARAM_LIMITS.totalBytes) {
    throw new LoadParamError('size', `count × size = ${total} bytes exceeds ${PARAM_LIMITS.totalBytes} per response`);
  }
  if (route.path === '/chunked' && total > PARAM_LIMITS.arrayBytes) {
    throw new LoadParamError(
      'size',
      `count × size = ${total} bytes exceeds ${PARAM_LIMITS.arrayBytes} for /chunked (chunkedResponse gets an array built in memory); use /chunked/stream`,
    );
  }
  return params;
}
