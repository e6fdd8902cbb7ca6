/**
 * Spec §2.16: Deno.serve aborts request.signal after a response was delivered
 * in full (its legacy abort). The reference does not take that for a client
 * that went away: every event of an sseResponse and of a manual stream
 * arrives, and nothing is reported as an error.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findRuntime } from '../../conformance/suite/runtimes.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/deno-legacy-abort.ts', import.meta.url));

describe('the reference under Deno.serve (legacy abort)', () => {
  it('every stream arrives whole and the app reports no error, in 30 rounds of each kind', { timeout: 60_000 }, async () => {
    const { stdout, stderr } = await promisify(execFile)(findRuntime('deno'), ['run', '-A', FIXTURE], { env: { ...process.env, NO_COLOR: '1' }, timeout: 50_000 });
    // The premise: this Deno does have the legacy abort (it says so when a signal fires after a response).
    expect(stderr).toMatch(/legacy/);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { distinct: Record<string, string[]>; errors: string[]; finallies: { sse: number }; rounds: number };
    expect(result.distinct).toEqual({ sse: ['data: one\n\ndata: two\n\n'], manual: ['data: one\n\ndata: two\n\n'] });
    expect(result.errors).toEqual([]);
    expect(result.finallies.sse).toBe(result.rounds);
  });
});
