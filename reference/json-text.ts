/** `JSON.stringify` with the API's rule for values JSON cannot carry. */
import { typeName } from './describe-value.ts';
import { UnserializableValueError } from './errors.ts';

/**
 * The JSON text of `value`.
 * @throws {@link UnserializableValueError} when `JSON.stringify` returns
 *   `undefined` (undefined, a function, a symbol) or throws (a BigInt, a cycle).
 */
export function jsonText(field: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new UnserializableValueError(field, value, `JSON.stringify threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (text === undefined) {
    throw new UnserializableValueError(field, value, `JSON.stringify gives nothing for a ${typeName(value)}`);
  }
  return text;
}
