/**
 * A body identical to one this VU has already verified in full is verified:
 * the scenario routes are deterministic, so a correct implementation sends
 * the same bytes for the same URL, and the full verifiers (decoding base64 and
 * hex in k6's JavaScript, parsing every event) run once per URL instead of once
 * per response. Any difference — another framing a correct implementation may
 * choose, or a wrong byte — falls back to the full verifier, and only a body
 * that passed it is remembered. Plain string equality, no k6 and no Node imports.
 */
import type { VerifyResult } from './verify.ts';

export class VerifiedBodies {
  private readonly bodies = new Map<string, { body: string; units: number }>();

  /** At most `maxEntries` bodies of at most `maxLength` characters each are kept. */
  private readonly maxEntries: number;
  private readonly maxLength: number;
  constructor(
    maxEntries = 16,
    maxLength = 1 << 20,
  ) {
    this.maxEntries = maxEntries;
    this.maxLength = maxLength;
  }

  verify(key: string, body: string, full: () => VerifyResult): VerifyResult {
    const known = this.bodies.get(key);
    if (known !== undefined && known.body === body) return { ok: true, units: known.units };
    const result = full();
    if (result.ok && body.length <= this.maxLength) {
      if (!this.bodies.has(key) && this.bodies.size >= this.maxEntries) this.bodies.delete(this.bodies.keys().next().value!);
      this.bodies.set(key, { body, units: result.units });
    }
    return result;
  }
}
