/** `--only` patterns: requirement ids with `*` wildcards (`SSE-*`, `*-00?`), comma-separated or repeated. */

export function parseIdGlobs(patterns: readonly string[]): RegExp[] {
  return patterns
    .flatMap((pattern) => pattern.split(','))
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern.length > 0)
    .map((pattern) => {
      if (!/^[A-Za-z0-9*?-]+$/.test(pattern)) {
        throw new TypeError(`--only "${pattern}": use requirement ids with * and ? wildcards, e.g. SSE-* or CLOSE-00?`);
      }
      const source = pattern.replace(/[*?]/g, (wildcard) => (wildcard === '*' ? '.*' : '.'));
      return new RegExp(`^${source}$`, 'i');
    });
}

export function matchesAny(id: string, globs: readonly RegExp[]): boolean {
  return globs.length === 0 || globs.some((glob) => glob.test(id));
}
