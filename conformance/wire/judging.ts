/**
 * Judging only what a check's own rule is about. A property run whose input
 * cannot be judged because the implementation broke another requirement's
 * rule first (a body sent with `Content-Length`, so there is no last chunk to
 * look for; an event stream the client refused for its media type) is
 * skipped, and the reason kept. When no run of the property could be judged,
 * the check is `blocked`, naming that other requirement — the one that fails.
 *
 * A reason can be known to hold for every later input too (values never
 * arrive, so no later run can watch them arrive): later runs that need the
 * same thing skip at once instead of paying the wait again.
 */
import { CheckBlocked } from '../runner/check.ts';
import type { RequirementId } from '../requirements/types.ts';

export class Judging {
  #judged = 0;
  readonly #unmet = new Map<string, CheckBlocked>();

  /** How many runs were judged so far. */
  get judged(): number {
    return this.#judged;
  }

  /** Call when a run reaches the check's own assertions. */
  judge(): void {
    this.#judged++;
  }

  /** Whether precondition `key` is already known to be unmet (the run should return at once). */
  known(key: string): boolean {
    return this.#unmet.has(key);
  }

  /** Records that this run cannot be judged: precondition `key` belongs to `blockedBy`. The run then returns (passes). */
  unmet(key: string, blockedBy: RequirementId, message: string): void {
    if (!this.#unmet.has(key)) this.#unmet.set(key, new CheckBlocked(blockedBy, message));
  }

  /** After the property passed: throws {@link CheckBlocked} when not one run could be judged. */
  conclude(): void {
    if (this.#judged > 0) return;
    const first = this.#unmet.values().next();
    if (!first.done) throw first.value;
  }
}
