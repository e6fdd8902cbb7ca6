/**
 * What one idle stream keeps, by constructor: the difference between two V8
 * heap snapshots (before and after opening the streams), per stream.
 *
 *   BENCH_HEAP_SNAPSHOT_DIR=/tmp/snaps npx tsx load/bench/idle-only.ts --runs 1 --servers reference --streams 10000
 *   npx tsx load/bench/measure/heap-diff.ts BEFORE.heapsnapshot AFTER.heapsnapshot [--streams 10000] [--top 25]
 *
 * Prints, for each node name (an object's constructor, or `(closure)`,
 * `(string)`, `(system)`… for the other node types) that grew, the count and
 * the bytes (self size) per stream, largest first, and the total.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsedOrExitCode, runAsScript } from '../dev-tool.ts';

const USAGE = `usage: npx tsx load/bench/measure/heap-diff.ts BEFORE.heapsnapshot AFTER.heapsnapshot [--streams N] [--top N]`;

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Count and self size per node name. */
export type HeapCensus = Map<string, { count: number; bytes: number }>;

/** Counts a snapshot's nodes by name: objects by constructor, other node types as `(type)`. */
export function censusOf(snapshot: HeapSnapshot): HeapCensus {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const census: HeapCensus = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!]!;
    const name = type === 'object' || type === 'native' ? snapshot.strings[snapshot.nodes[i + nameAt]!]! : `(${type})`;
    const entry = census.get(name) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[i + sizeAt]!;
    census.set(name, entry);
  }
  return census;
}

/** `after − before` per name, divided by `streams`; names that did not change are left out. */
export function diffPerStream(before: HeapCensus, after: HeapCensus, streams: number): { name: string; count: number; bytes: number }[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  const rows = [...names].map((name) => {
    const a = after.get(name) ?? { count: 0, bytes: 0 };
    const b = before.get(name) ?? { count: 0, bytes: 0 };
    return { name, count: (a.count - b.count) / streams, bytes: (a.bytes - b.bytes) / streams };
  });
  return rows.filter((row) => row.count !== 0 || row.bytes !== 0).sort((x, y) => y.bytes - x.bytes);
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const parsed = parsedOrExitCode(
    () => {
      const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { streams: { type: 'string', default: '10000' }, top: { type: 'string', default: '25' }, help: { type: 'boolean', short: 'h' } } });
      return { ...values, files: positionals };
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const [beforeFile, afterFile] = parsed.files;
  const streams = Number(parsed.streams);
  const top = Number(parsed.top);
  if (beforeFile === undefined || afterFile === undefined || !(streams > 0) || !(top > 0)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const read = (file: string): HeapCensus => censusOf(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot);
  const rows = diffPerStream(read(beforeFile), read(afterFile), streams);
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  for (const row of rows.slice(0, top)) process.stdout.write(`${(row.bytes).toFixed(0).padStart(7)} B  ${row.count.toFixed(2).padStart(6)} ×  ${row.name}\n`);
  process.stdout.write(`${total.toFixed(0).padStart(7)} B  per stream in all (${rows.length} names)\n`);
  return 0;
}

runAsScript(import.meta.url, 'heap-diff', main);
