/**
 * Building conforming variants of the reference: the same wrappers as the
 * broken adapters (`test/broken/break.ts`), but each variant departs from the
 * reference only where the spec leaves a choice open, so the suite must pass
 * it at `--level must` (the proof of precision; see `test/variants/README.md`).
 */
import type { Adapter } from '../../../conformance/adapter/contract.ts';
import { breakReference, type BreakSpec, type BrokenApp } from '../../broken/break.ts';

/** How a variant departs from the reference (every part optional, as in {@link BreakSpec}). */
export type VariantSpec = Omit<BreakSpec, 'breaks'>;

/** An adapter named `variant/<name>`: the reference, wrapped as `spec` says. */
export function vary(spec: VariantSpec): Adapter<BrokenApp> {
  // breakReference reads `breaks` nowhere (it documents a broken adapter); a variant breaks nothing.
  const adapter = breakReference({ ...spec, breaks: 'SSE-004' });
  return { ...adapter, name: `variant/${spec.name}` };
}
