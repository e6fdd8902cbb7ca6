/**
 * A conforming variant of the reference, built with the broken adapters'
 * parts (`test/broken/break.ts`): the reference with one thing done
 * differently, in a way the spec allows.
 */
import { defineAdapter, type Adapter } from '../../../conformance/adapter/contract.ts';
import type { RequirementId } from '../../../conformance/requirements/types.ts';
import { breakReference, type BreakSpec, type BrokenApp } from '../../broken/break.ts';

export function variantOfReference(name: string, parts: Omit<BreakSpec, 'name' | 'breaks'>): Adapter<BrokenApp> {
  // breakReference uses `breaks` for nothing but documentation; a variant breaks nothing.
  const adapter = breakReference({ ...parts, name, breaks: undefined as unknown as RequirementId });
  return defineAdapter<BrokenApp>({ ...adapter, name: `variant/${name}` });
}
