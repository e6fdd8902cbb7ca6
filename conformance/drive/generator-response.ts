/**
 * Answering one request with a generator response — `streamResponse`,
 * `chunkedResponse` or `sseResponse` — over a source the check built.
 */
import { describeError } from '../adapter/load.ts';
import type { ResolvedAdapter } from '../adapter/under-test.ts';
import { Mismatch } from '../runner/property.ts';
import { exchange, within, type Exchange } from './exchange.ts';
import { OPEN_STREAM_MS } from './manual-stream.ts';
import type { GeneratorResponseKind } from '../arbitraries/generators.ts';

export type { GeneratorResponseKind };

export const GENERATOR_RESPONSE_KINDS: readonly GeneratorResponseKind[] = ['streamResponse', 'chunkedResponse', 'sseResponse'];

/**
 * Sends one request whose handler returns `ctx[kind](iterable)`.
 * Fails the run with a {@link Mismatch} when the call throws or the handler does not answer.
 */
export async function respondWithGenerator(
  adapter: ResolvedAdapter,
  kind: GeneratorResponseKind,
  iterable: unknown,
  what: string,
): Promise<Exchange> {
  let callError: { error: unknown } | undefined;
  const answered = exchange(adapter, (ctx) => {
    try {
      return ctx[kind](iterable);
    } catch (error) {
      callError = { error };
      throw error;
    }
  });
  const result = await within(answered, OPEN_STREAM_MS, `${kind}(${what})`).catch((error: unknown) => {
    throw new Mismatch(`${kind}(${what}): the handler did not answer: ${describeError(error)}`);
  });
  if (callError) throw new Mismatch(`${kind}(${what}) threw ${describeError(callError.error)}`);
  return result;
}
