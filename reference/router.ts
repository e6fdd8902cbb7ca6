/**
 * Path matching: `/chat/:room` style patterns, exact segment match, params
 * URL-decoded. First registered route that matches wins.
 */

/** HTTP methods an app can route. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Route<H> {
  method: Method;
  pattern: string;
  segments: readonly string[];
  handler: H;
}

/** Outcome of {@link Router.match}. */
export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: Method[] }
  | { kind: 'not-found' }
  | { kind: 'bad-path'; reason: string };

/** A list of routes; small and linear, as apps of the guide have a handful. */
export class Router<H> {
  readonly #routes: Route<H>[] = [];

  /** Adds a route; `pattern` starts with `/`, `:name` segments capture. */
  add(method: Method, pattern: string, handler: H): void {
    if (typeof pattern !== 'string' || !pattern.startsWith('/')) {
      throw new TypeError(`path must be a string starting with "/"; got ${JSON.stringify(pattern)}`);
    }
    if (typeof handler !== 'function') throw new TypeError(`handler for ${method} ${pattern} must be a function`);
    this.#routes.push({ method, pattern, segments: pattern.split('/').slice(1), handler });
  }

  /** Finds the handler for `method` and `pathname` (still percent-encoded). */
  match(method: string, pathname: string): RouteMatch<H> {
    const segments = pathname.split('/').slice(1);
    const allow: Method[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (params === undefined) continue;
      if (route.method !== method) {
        if (!allow.includes(route.method)) allow.push(route.method);
        continue;
      }
      try {
        for (const name of Object.keys(params)) params[name] = decodeURIComponent(params[name]!);
      } catch {
        return { kind: 'bad-path', reason: `malformed percent-encoding in ${JSON.stringify(pathname)}` };
      }
      return { kind: 'found', handler: route.handler, params };
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}

function matchSegments(pattern: readonly string[], path: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = path[i]!;
    if (expected.startsWith(':') && expected.length > 1) {
      if (actual === '') return undefined;
      params[expected.slice(1)] = actual;
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
