/**
 * The expectation file format (`--expect FILE`, `--write-expect FILE`), as
 * web-platform-tests' expectation files: a framework that knows it fails
 * some requirements lists them, and CI then gates on *unexpected* results
 * only.
 *
 * ```json
 * {
 *   "tool": "streamconform",
 *   "expectations": {
 *     "my-framework": { "SSE-005": "fail", "WIRE-002": "fail" }
 *   }
 * }
 * ```
 *
 * Keys of `expectations` are the report's column labels (the adapter name, or
 * `name (runtime)` in a run with a runtime other than Node); inside, only
 * failures are listed. A listed requirement that passes is an "unexpected
 * pass"; an unlisted one that fails is an "unexpected fail". `"$schema"`
 * and `"comment"` may be added at the top level.
 *
 * @see README "Reading a report" (`--expect`, `--write-expect`)
 */
import { ExpectationFileError } from './errors.ts';
import { visible } from '../../reports/conformance/text.ts';

/** What a listed requirement is expected to do. Only failures are listed. */
export type ExpectedOutcome = 'fail';

/** The parsed expectation file. */
export interface ExpectationFile {
  tool: 'streamconform';
  /** Adapter name → requirement id → `"fail"`. */
  expectations: Record<string, Record<string, ExpectedOutcome>>;
}

const TOP_LEVEL_FIELDS = ['$schema', 'comment', 'tool', 'expectations'];

/** A value as a message shows it: JSON, with invisible characters escaped, cut when long. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  const json = JSON.stringify(value);
  const text = visible(json ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function kind(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `expectations["a"]["b"]`, with the keys quoted as JSON and made visible. */
function where(...keys: string[]): string {
  return `expectations${keys.map((key) => `[${visible(JSON.stringify(key))}]`).join('')}`;
}

/**
 * Checks that `value` (parsed JSON) is an expectation file and returns it
 * typed. Throws {@link ExpectationFileError} `EXPECT_FILE_BAD_SHAPE` naming
 * the first wrong field, its value and the rule.
 */
export function parseExpectationFile(value: unknown, file: string): ExpectationFile {
  const bad = (problem: string): ExpectationFileError => new ExpectationFileError('EXPECT_FILE_BAD_SHAPE', file, problem);
  if (!isRecord(value)) {
    throw bad(`expected a JSON object {"tool": "streamconform", "expectations": {...}}, got ${kind(value)} ${shown(value)}`);
  }
  for (const field of Object.keys(value)) {
    if (!TOP_LEVEL_FIELDS.includes(field)) {
      throw bad(`unknown field ${shown(field)}; an expectation file has only ${TOP_LEVEL_FIELDS.map((name) => `"${name}"`).join(', ')}`);
    }
  }
  if (value.tool !== 'streamconform') throw bad(`"tool" is ${shown(value.tool)}; expected "streamconform"`);
  const expectations = value.expectations;
  if (!isRecord(expectations)) {
    throw bad(`"expectations" is ${`${kind(expectations)} ${shown(expectations)}`.trim()}; expected an object of adapter name → {requirement id: "fail"}`);
  }
  const parsed: Record<string, Record<string, ExpectedOutcome>> = {};
  for (const [adapter, byId] of Object.entries(expectations)) {
    if (!isRecord(byId)) {
      throw bad(`${where(adapter)} is ${kind(byId)} ${shown(byId)}; expected an object of requirement id → "fail"`);
    }
    const outcomes: Record<string, ExpectedOutcome> = {};
    for (const [id, outcome] of Object.entries(byId)) {
      if (outcome !== 'fail') {
        throw bad(`${where(adapter, id)} is ${shown(outcome)}; expected "fail" (list only the requirements expected to fail)`);
      }
      setOwn(outcomes, id, outcome);
    }
    setOwn(parsed, adapter, outcomes);
  }
  return { tool: 'streamconform', expectations: parsed };
}

/**
 * Sets an own, enumerable key — also when the key is "__proto__", which plain
 * assignment would turn into a prototype change (an adapter may be named so).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Parses the text of an expectation file; throws {@link ExpectationFileError} (`EXPECT_FILE_BAD_JSON`, `EXPECT_FILE_BAD_SHAPE`). */
export function parseExpectationText(text: string, file: string): ExpectationFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExpectationFileError('EXPECT_FILE_BAD_JSON', file, `not valid JSON (${visible(reason)})`, { cause: error });
  }
  return parseExpectationFile(value, file);
}

/** The text of an expectation file: 2-space JSON, trailing newline, keys in the given order. */
export function renderExpectationFile(expectations: ExpectationFile): string {
  return `${JSON.stringify({ tool: expectations.tool, expectations: expectations.expectations }, null, 2)}\n`;
}
