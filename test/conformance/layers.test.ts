/**
 * The import graph runs one way. Top-level layers, lowest first: `reports`
 * (the report model and its renderers: depends on nothing of ours),
 * `reference` (the implementation), `conformance` (the harness), `load`
 * (k6 and the load target), `cli` (the command, which composes them). A
 * folder imports only from layers below it, and no chain of imports between
 * files comes back to where it started.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Each layer and the layers it may import from. */
const LAYERS: Record<string, readonly string[]> = {
  reports: [],
  reference: [],
  conformance: ['reference', 'reports'],
  load: ['conformance', 'reference', 'reports'],
  cli: ['load', 'conformance', 'reference', 'reports'],
};

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder)) {
    if (entry === 'node_modules' || entry === 'out') continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.(ts|mts|mjs)$/.test(entry) && !/\.d\.m?ts$/.test(entry)) found.push(path);
  }
  return found;
}

/** The project files a file imports (static and dynamic imports, re-exports, of relative specifiers). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?['"](\.[^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((match) => resolve(dirname(file), match[1]!));
  return [...new Set(specifiers)].filter((path) => known.has(path));
}

/**
 * Inside the harness, lowest first: each folder imports only from folders
 * before it in this list (the files at `conformance/`'s root — index.ts,
 * vitest.ts — sit on top).
 */
const HARNESS_LAYERS = ['bytes', 'requirements', 'arbitraries', 'oracles', 'adapter', 'runner', 'drive', 'wire', 'browser', 'commands', 'properties', 'suite', 'spec', 'expectations', 'cli'];

const files = Object.keys(LAYERS).flatMap((layer) => sourceFiles(join(ROOT, layer)));
const known = new Set(files);
const graph = new Map(files.map((file) => [file, importsOf(file, known)]));
const layerOf = (file: string) => relative(ROOT, file).split('/')[0]!;
const shown = (file: string) => relative(ROOT, file);

describe('the import graph', () => {
  it('reads the project (a few hundred files, thousands of imports)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect([...graph.values()].reduce((sum, edges) => sum + edges.length, 0)).toBeGreaterThan(500);
  });

  it('each layer imports only from the layers below it', () => {
    const upward: string[] = [];
    for (const [file, edges] of graph) {
      for (const target of edges) {
        const from = layerOf(file);
        const to = layerOf(target);
        if (from !== to && !LAYERS[from]!.includes(to)) upward.push(`${shown(file)} → ${shown(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('inside conformance/, each folder imports only from the folders below it', () => {
    const rank = (file: string): number => {
      const parts = relative(join(ROOT, 'conformance'), file).split('/');
      return parts.length === 1 ? HARNESS_LAYERS.length : HARNESS_LAYERS.indexOf(parts[0]!);
    };
    const harness = files.filter((file) => layerOf(file) === 'conformance');
    expect(harness.filter((file) => rank(file) === -1).map(shown), 'every folder of conformance/ has its place in HARNESS_LAYERS').toEqual([]);
    const upward: string[] = [];
    for (const file of harness) {
      for (const target of graph.get(file)!) {
        if (layerOf(target) !== 'conformance') continue;
        const sameFolder = dirname(relative(ROOT, file)).split('/')[1] === dirname(relative(ROOT, target)).split('/')[1];
        if (!sameFolder && rank(target) >= rank(file)) upward.push(`${shown(file)} → ${shown(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no cycle between files', () => {
    // Tarjan's strongly connected components: every component of more than one file is a cycle.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (file: string): void => {
      index.set(file, counter);
      low.set(file, counter);
      counter++;
      stack.push(file);
      onStack.add(file);
      for (const target of graph.get(file)!) {
        if (!index.has(target)) {
          visit(target);
          low.set(file, Math.min(low.get(file)!, low.get(target)!));
        } else if (onStack.has(target)) {
          low.set(file, Math.min(low.get(file)!, index.get(target)!));
        }
      }
      if (low.get(file) === index.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(shown(member));
        } while (member !== file);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const file of files) if (!index.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
