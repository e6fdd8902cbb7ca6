/**
 * Breaks GEN-008 (SHOULD): a source that is not iterable is accepted at the
 * call; the TypeError comes only when the body is read (as a `for await` over
 * it inside the body would), so the handler answers 200 with a body that fails.
 */
import { breakReference, type BrokenContext } from '../break.ts';

export const breaks = 'GEN-008';

function iterable(source: unknown): boolean {
  if (source === null || source === undefined) return false;
  const s = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown };
  return typeof s[Symbol.asyncIterator] === 'function' || typeof s[Symbol.iterator] === 'function';
}

/** `source`, or for one that is not iterable a generator that fails when first pulled. */
function deferred(source: unknown): unknown {
  if (iterable(source)) return source;
  return (async function* failsWhenRead() {
    throw new TypeError(`${String(source)} is not async iterable`);
  })();
}

export default breakReference({
  name: 'gen-non-iterable-deferred',
  breaks,
  wrapContext: (ctx): BrokenContext => ({
    ...ctx,
    streamResponse: (source, options) => ctx.streamResponse(deferred(source), options),
    chunkedResponse: (source, options) => ctx.chunkedResponse(deferred(source), options),
    sseResponse: (source, options) => ctx.sseResponse(deferred(source), options),
  }),
});
