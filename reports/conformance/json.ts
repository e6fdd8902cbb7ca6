/**
 * `conformance.json` (README "Reading a report"): the report as data, in a stable key order
 * (the lists below, whatever order the runner built the objects in),
 * 2-space indent, trailing newline. `conformance.schema.json` describes it.
 */
import type { ConformanceReport } from './model.ts';

/** A JSON value as the renderer walks it. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Key orders per object kind: as declared in `model.ts`, except that an
 * adapter's `rootCauses` ("fix these first") come before its requirements,
 * and a result's verdict details before its counterexample, for a reader
 * of the raw file.
 */
const REPORT_KEYS = ['tool', 'version', 'seed', 'runs', 'level', 'startedAt', 'durationMs', 'passed', 'command', 'expectationWarnings', 'adapters'];
const ADAPTER_KEYS = ['name', 'source', 'runtime', 'column', 'summary', 'rootCauses', 'requirements'];
const SUMMARY_KEYS = ['pass', 'fail', 'skip', 'blocked', 'unimplemented', 'harnessError'];
const ROOT_CAUSE_GROUP_KEYS = ['call', 'difference', 'requirements'];
const RESULT_KEYS = ['id', 'level', 'title', 'status', 'verdict', 'expectation', 'profile', 'properties', 'durationMs', 'message', 'blockedBy', 'capability', 'rootCause', 'counterexample', 'harnessStack', 'strayErrors', 'notes'];
const ROOT_CAUSE_KEYS = ['call', 'difference'];
const RUNTIME_KEYS = ['name', 'version'];
const STRAY_ERROR_KEYS = ['during', 'description'];
const COUNTEREXAMPLE_KEYS = ['seed', 'path', 'shrinks', 'input', 'sent', 'clientView', 'transcript', 'replay'];
const TRANSCRIPT_KEYS = ['atMs', 'length', 'escaped'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Copies `value` with its keys in `order` first, then any others sorted (so
 * an unexpected extra field still comes out in a stable place, and the
 * schema, which allows none, reports it). `undefined` members are dropped,
 * as `JSON.stringify` would.
 */
function ordered(value: unknown, order: readonly string[], child: (key: string, member: unknown) => Json): Json {
  if (!isRecord(value)) return canonical(value);
  const out: { [key: string]: Json } = {};
  const known = new Set(order);
  const keys = [...order.filter((key) => key in value), ...Object.keys(value).filter((key) => !known.has(key)).sort()];
  for (const key of keys) {
    const member = value[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    out[key] = child(key, member);
  }
  return out;
}

/** Any value, objects with sorted keys (for fields the model does not know). */
function canonical(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonical(item)));
  if (isRecord(value)) {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON(): unknown }).toJSON());
    return ordered(value, [], (_key, member) => canonical(member));
  }
  return null;
}

function list(value: unknown, item: (member: unknown) => Json): Json {
  return Array.isArray(value) ? value.map(item) : canonical(value);
}

function counterexampleJson(value: unknown): Json {
  return ordered(value, COUNTEREXAMPLE_KEYS, (key, member) =>
    key === 'transcript' ? list(member, (chunk) => ordered(chunk, TRANSCRIPT_KEYS, (_k, m) => canonical(m))) : canonical(member),
  );
}

function resultJson(value: unknown): Json {
  return ordered(value, RESULT_KEYS, (key, member) => {
    if (key === 'counterexample') return counterexampleJson(member);
    if (key === 'rootCause') return ordered(member, ROOT_CAUSE_KEYS, (_k, m) => canonical(m));
    if (key === 'strayErrors') return list(member, (stray) => ordered(stray, STRAY_ERROR_KEYS, (_k, m) => canonical(m)));
    return canonical(member);
  });
}

function adapterJson(value: unknown): Json {
  return ordered(value, ADAPTER_KEYS, (key, member) => {
    if (key === 'summary') return ordered(member, SUMMARY_KEYS, (_k, m) => canonical(m));
    if (key === 'rootCauses') return list(member, (group) => ordered(group, ROOT_CAUSE_GROUP_KEYS, (_k, m) => canonical(m)));
    if (key === 'runtime') return ordered(member, RUNTIME_KEYS, (_k, m) => canonical(m));
    if (key === 'requirements') return list(member, resultJson);
    return canonical(member);
  });
}

/**
 * Renders `conformance.json`. Pure and deterministic: the same report gives
 * the same bytes. Lone surrogates and control characters come out as JSON
 * `\uXXXX` escapes, so the file is valid UTF-8.
 *
 * @see README "Reading a report" (conformance.json)
 */
export function renderJson(report: ConformanceReport): string {
  const tree = ordered(report, REPORT_KEYS, (key, member) => (key === 'adapters' ? list(member, adapterJson) : canonical(member)));
  return `${JSON.stringify(tree, null, 2)}\n`;
}
