/**
 * Breaks GEN-003 (SHOULD): synchronous iterables other than arrays (a sync
 * generator, a Set) are refused with a TypeError by all three generator
 * responses; only async iterables and arrays are taken.
 */
import { breakReference, wrapSources } from '../break.ts';

export const breaks = 'GEN-003';

function refuseSyncIterables(source: unknown): unknown {
  const candidate = source as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null | undefined;
  const syncOnly = typeof candidate?.[Symbol.iterator] === 'function' && typeof candidate[Symbol.asyncIterator] !== 'function';
  if (syncOnly && !Array.isArray(source) && typeof source !== 'string') {
    throw new TypeError('iterable must be an AsyncIterable or an array');
  }
  return source;
}

export default breakReference({ name: 'gen-sync-iterables-refused', breaks, ...wrapSources(refuseSyncIterables) });
