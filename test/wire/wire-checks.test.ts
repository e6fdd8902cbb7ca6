/**
 * The checks of `conformance/properties/wire.ts` (WIRE-001..012, WIRE-017,
 * GEN-004 over a socket), run directly (`check.run(ctx)`): every one passes
 * on the reference, and each WIRE requirement fails on its broken adapter in
 * `test/broken/adapters/wire-*.ts` with a counterexample and the byte
 * transcript of the failing exchange.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { wireChecks } from '../../conformance/properties/wire.ts';
import { wireRequirements } from '../../conformance/requirements/wire.ts';
import { CheckFailure, type ResolvedAdapter } from '../../conformance/runner/check.ts';
import { describeOutcome, runCheck } from './run-checks.ts';

const ADAPTERS_DIR = fileURLToPath(new URL('../broken/adapters/', import.meta.url));
/** The WIRE requirements judged here; WIRE-013..016 are the EventSource checks'. */
const judged = wireRequirements.map((requirement) => requirement.id).filter((id) => Number(id.slice('WIRE-'.length)) <= 12 || id === 'WIRE-017');

describe('wire checks on the reference', () => {
  let reference: ResolvedAdapter;
  beforeAll(async () => {
    reference = await loadAdapter('reference');
  });

  it('judge every one of WIRE-001..012 and WIRE-017, and GEN-004 with the wire profile', () => {
    expect([...new Set(wireChecks.map((check) => check.requirement))].sort()).toEqual(['GEN-004', ...judged].sort());
    expect(wireChecks.filter((check) => check.requirement === 'GEN-004').map((check) => check.profile)).toEqual(['wire']);
    for (const check of wireChecks) expect(check.title).not.toMatch(/WIRE-\d/);
  });

  for (const check of wireChecks) {
    it(`[${check.requirement}] ${check.title}`, async () => {
      const outcome = await runCheck(reference, check, { seed: 42, numRuns: 100 });
      expect(outcome.passed, describeOutcome(outcome)).toBe(true);
    });
  }
});

interface BrokenWireAdapter {
  file: string;
  breaks: string;
  adapter: ResolvedAdapter;
}

const brokenFiles = readdirSync(ADAPTERS_DIR)
  .filter((file) => file.startsWith('wire-') && file.endsWith('.ts'))
  .sort();

async function loadBroken(file: string): Promise<BrokenWireAdapter> {
  const path = join(ADAPTERS_DIR, file);
  const module = (await import(pathToFileURL(path).href)) as { breaks?: unknown };
  if (typeof module.breaks !== 'string') throw new Error(`${file} exports no breaks`);
  return { file, breaks: module.breaks, adapter: await loadAdapter(path) };
}

describe('wire checks on broken adapters', () => {
  it('every requirement WIRE-001..012 and WIRE-017 has a broken adapter', async () => {
    const broken = await Promise.all(brokenFiles.map(loadBroken));
    expect([...new Set(broken.map((entry) => entry.breaks))].sort()).toEqual(judged);
  });

  for (const file of brokenFiles) {
    it(`${file} fails the requirement it breaks, with a counterexample and a transcript`, async () => {
      const { breaks, adapter } = await loadBroken(file);
      const checks = wireChecks.filter((check) => check.requirement === breaks);
      expect(checks.length).toBeGreaterThan(0);
      const outcomes = [];
      for (const check of checks) outcomes.push(await runCheck(adapter, check, { seed: 1, numRuns: 30, timeoutMs: 10_000 }));
      const failed = outcomes.filter((outcome) => !outcome.passed);
      expect(failed.length, outcomes.map(describeOutcome).join('\n')).toBeGreaterThan(0);
      for (const outcome of failed) {
        expect(outcome.error).toBeInstanceOf(CheckFailure);
        const failure = outcome.error as CheckFailure;
        expect(failure.message.trim()).not.toBe('');
        expect(failure.counterexample?.input.trim()).toBeTruthy();
        expect(failure.counterexample?.seed).toBe(1);
        expect(outcome.transcript, `${file}: a failing wire check records its transcript`).toBeDefined();
      }
    });
  }
});

describe('what the failures say', () => {
  async function failureOf(file: string, requirement: string, title?: RegExp) {
    const { adapter } = await loadBroken(file);
    const check = wireChecks.find((candidate) => candidate.requirement === requirement && (title === undefined || title.test(candidate.title)))!;
    const outcome = await runCheck(adapter, check, { seed: 1, numRuns: 30, timeoutMs: 10_000 });
    expect(outcome.passed).toBe(false);
    return { failure: outcome.error as CheckFailure, transcript: outcome.transcript ?? [] };
  }

  it('a buffering bridge: "write k was not delivered within N ms: the implementation buffers"', async () => {
    const { failure } = await failureOf('wire-http1-buffering.ts', 'WIRE-006');
    expect(failure.message).toMatch(/^over HTTP\/1\.1, write 1 of \d+ was not delivered within 1000 ms: the implementation buffers/);
    const h2 = await failureOf('wire-h2-buffering.ts', 'WIRE-010');
    expect(h2.failure.message).toMatch(/^over HTTP\/2, write 1 of \d+ was not delivered within 1000 ms: the implementation buffers/);
  });

  it('no last chunk: the transcript shows each packet escaped, with its time, and no 0\\r\\n\\r\\n', async () => {
    const { failure, transcript } = await failureOf('wire-http1-no-last-chunk.ts', 'WIRE-002');
    expect(failure.message).toContain('without the last chunk');
    expect(transcript.length).toBeGreaterThan(0);
    expect(transcript[0]!.escaped).toMatch(/^HTTP\/1\.1 200 OK\\r\\n/);
    expect(transcript.every((entry) => entry.atMs >= 0 && entry.length > 0)).toBe(true);
    expect(transcript.map((entry) => entry.escaped).join('')).not.toContain('0\\r\\n\\r\\n');
    expect(failure.counterexample?.sent).toBeDefined();
  });

  it('a last chunk after an error is called a clean-looking end', async () => {
    const { failure, transcript } = await failureOf('wire-http1-last-chunk-on-error.ts', 'WIRE-003');
    expect(failure.message).toContain('the last chunk must not be sent');
    expect(transcript.map((entry) => entry.escaped).join('')).toContain('0\\r\\n\\r\\n');
  });

  it('an ignored disconnect names the 1 s bound', async () => {
    const { failure } = await failureOf('wire-http1-signal-not-aborted.ts', 'WIRE-008');
    expect(failure.message).toMatch(/(ctx\.req\.signal did not abort|the generator's finally did not run) within 1000 ms after the socket was destroyed/);
  });

  it('a missed flushInterval states the bound', async () => {
    const { failure } = await failureOf('wire-flush-interval-ignored.ts', 'WIRE-007');
    expect(failure.message).toMatch(/with createStream\(\{ flushInterval: \d+, bufferSize: 1048576 \}\), a write of \d+ bytes did not reach the client within \d+ ms; the bound is \d+ \+ 250 ms/);
  });

  it('a connection field over HTTP/2 is rejected by the client with PROTOCOL_ERROR', async () => {
    const { failure } = await failureOf('wire-h2-connection-header.ts', 'WIRE-011');
    expect(failure.message).toContain('RST_STREAM PROTOCOL_ERROR (1)');
    expect(failure.message).toContain('RFC 9113 §8.2.2');
  });

  it('a clean END_STREAM after an error is told apart from RST_STREAM', async () => {
    const { failure } = await failureOf('wire-h2-clean-end-on-error.ts', 'WIRE-012', /RST_STREAM/);
    expect(failure.message).toMatch(/ended with END_STREAM after \d+ payload bytes: expected RST_STREAM/);
  });
});
