/**
 * The checks of `conformance/properties/wire/` (WIRE-001..012, WIRE-017,
 * GEN-004 over a socket), run directly (`check.run(ctx)`): every one passes
 * on the reference, and each WIRE requirement fails on its broken adapter in
 * `test/broken/adapters/wire-*.ts` with a counterexample and the byte
 * transcript of the failing exchange.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAdapter, resolveAdapter } from '../../conformance/adapter/load.ts';
import { eventSourceChecks, wireChecks } from '../../conformance/properties/wire/index.ts';
import { wireRequirements } from '../../conformance/requirements/wire.ts';
import { CheckBlocked, CheckFailure } from '../../conformance/runner/check.ts';
import { type ResolvedAdapter } from '../../conformance/adapter/under-test.ts';
import { breakReference, editHeaders, withPatch } from '../broken/break.ts';
import { describeOutcome, runCheck } from '../../load/bench/measure/run-checks.ts';

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
    expect(failure.message).toMatch(/with createStream\(\{ flushInterval: \d+, bufferSize: 1048576 \}\), a write of \d+ bytes did not reach the client within \d+ ms; the bound is \d+ \+ 500 ms/);
  });

  it('a connection field over HTTP/2 is rejected by the client with PROTOCOL_ERROR', async () => {
    const { failure } = await failureOf('wire-h2-connection-header.ts', 'WIRE-011');
    expect(failure.message).toContain('RST_STREAM PROTOCOL_ERROR (1)');
    expect(failure.message).toContain('RFC 9113 §8.2.2');
  });

  it('an empty write framed as a chunk: "a zero-length chunk ended the body", with what followed it', async () => {
    const { failure, transcript } = await failureOf('wire-http1-empty-chunk-ends-body.ts', 'WIRE-017');
    expect(failure.message).toMatch(/a zero-length chunk ended the body after \d+ of the \d+ bytes written, and \d+ more bytes followed it/);
    expect(failure.message).toContain('RFC 9112 §7.1');
    expect(transcript.map((entry) => entry.escaped).join('')).toMatch(/0\\r\\n\\r\\n.+/);
  });

  it('GEN-004 over a socket: a drain says how much was pulled and what the bound was; a 64-value read-ahead passes', async () => {
    const check = wireChecks.find((candidate) => candidate.requirement === 'GEN-004')!;
    const drained = await runCheck(await loadAdapter(join(ADAPTERS_DIR, 'gen-drains-eagerly-wire.ts')), check, { seed: 1, numRuns: 30, timeoutMs: 15_000 });
    expect(drained.passed).toBe(false);
    const message = (drained.error as CheckFailure).message;
    expect(message).toMatch(/the generator had been pulled for 131072 values \(128\.0 MiB\), [\d.]+ MiB ahead of the client\. At most [\d.]+ MiB may be: twice the [\d.]+ MiB a loopback connection holds here/);
    expect(message).toContain('drains the generator instead of pulling it as the client reads');
    const bounded = await runCheck(await loadAdapter(fileURLToPath(new URL('../variants/wire-read-ahead-64.ts', import.meta.url))), check, { seed: 1, numRuns: 30, timeoutMs: 15_000 });
    expect(bounded.passed, describeOutcome(bounded)).toBe(true);
  });

  it('a rule that presupposes another is blocked by it, not failed: Content-Length instead of chunked blocks the last-chunk check by WIRE-001', async () => {
    const { adapter } = await loadBroken('wire-http1-content-length.ts');
    const check = wireChecks.find((candidate) => candidate.requirement === 'WIRE-002')!;
    const outcome = await runCheck(adapter, check, { seed: 1, numRuns: 10, timeoutMs: 10_000 });
    expect(outcome.error).toBeInstanceOf(CheckBlocked);
    expect((outcome.error as CheckBlocked).blockedBy).toBe('WIRE-001');
    expect((outcome.error as CheckBlocked).message).toMatch(/was sent with Content-Length: \d+, not in chunked coding, so there is no last chunk to judge/);
  });

  it('values that never arrive block the disconnect runs that need them (WIRE-006), the others are judged', async () => {
    const { adapter } = await loadBroken('wire-http1-buffering.ts');
    const check = wireChecks.find((candidate) => candidate.requirement === 'WIRE-008')!;
    const outcome = await runCheck(adapter, check, { seed: 1, numRuns: 10, timeoutMs: 15_000 });
    expect(outcome.passed, describeOutcome(outcome)).toBe(true);
  });

  it('a clean END_STREAM after an error is told apart from RST_STREAM', async () => {
    const { failure } = await failureOf('wire-h2-clean-end-on-error.ts', 'WIRE-012', /RST_STREAM/);
    expect(failure.message).toMatch(/ended with END_STREAM after \d+ payload bytes: expected RST_STREAM/);
  });
});

describe('the EventSource checks judge their own rule only', () => {
  it('a media type the client refuses blocks WIRE-013 by SSE-001', async () => {
    const adapter = await resolveAdapter(
      breakReference({
        name: 'sse-as-text-plain',
        breaks: 'SSE-001',
        ...editHeaders((headers) => {
          if (headers.get('content-type')?.startsWith('text/event-stream')) headers.set('content-type', 'text/plain; charset=utf-8');
        }),
      }),
      'sse-as-text-plain',
    );
    for (const check of eventSourceChecks.filter((candidate) => candidate.requirement === 'WIRE-013')) {
      const outcome = await runCheck(adapter, check, { seed: 1, numRuns: 5, timeoutMs: 10_000 });
      expect(outcome.error, describeOutcome(outcome)).toBeInstanceOf(CheckBlocked);
      expect((outcome.error as CheckBlocked).blockedBy).toBe('SSE-001');
    }
  });

  it('a stream that does not end after close() blocks WIRE-014 by WIRE-002, after one wait', async () => {
    const adapter = await resolveAdapter(
      breakReference({ name: 'close-never-ends', breaks: 'WIRE-002', wrapStream: (stream) => withPatch(stream, { close() {} }) }),
      'close-never-ends',
    );
    const check = eventSourceChecks.find((candidate) => candidate.requirement === 'WIRE-014')!;
    const outcome = await runCheck(adapter, check, { seed: 1, numRuns: 4, timeoutMs: 15_000 });
    expect(outcome.error, describeOutcome(outcome)).toBeInstanceOf(CheckBlocked);
    expect((outcome.error as CheckBlocked).blockedBy).toBe('WIRE-002');
    expect(outcome.durationMs).toBeLessThan(6_000);
  });
});
