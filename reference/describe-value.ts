/**
 * Shows a value in an error message: strings are quoted with CR, LF, NUL and
 * other control characters escaped so they are visible (`"a\rb"`), other
 * values are named by type. Long values are cut.
 */
const MAX_LENGTH = 80;

/** The value as it should appear in a message, escaped and short. */
export function describeValue(value: unknown): string {
  const shown = show(value);
  return shown.length > MAX_LENGTH ? `${shown.slice(0, MAX_LENGTH - 1)}…` : shown;
}

/** The value's type as a person says it: `null`, `array`, `Uint8Array`, `number`, ... */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? name : 'object';
  }
  return typeof value;
}

function show(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // JSON.stringify escapes CR as \r, LF as \n, NUL as \u0000, and lone surrogates.
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    default:
      return showObject(value as object | null);
  }
}

function showObject(value: object | null): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `${typeName(value)}(${value.byteLength})`;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // Cycles or BigInt inside: fall back to the type name below.
  }
  return `[${typeName(value)}]`;
}
