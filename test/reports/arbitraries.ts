/**
 * fast-check arbitraries of conformance reports, for the renderers'
 * properties: every string field may hold CR, LF, NUL, lone surrogates,
 * markup and Markdown syntax.
 */
import { adapterReport } from '../../reports/conformance/outcome.ts';
import fc from 'fast-check';
import { AREAS, type Level, type RequirementId } from '../../conformance/requirements/types.ts';
import type { AdapterReport, ConformanceReport, Counterexample, RequirementResult, RootCause, Status, StrayError, TranscriptChunk, Verdict } from '../../reports/conformance/model.ts';

/** Pieces that break naive escaping in XML, HTML, Markdown and JSON. */
const HOSTILE_PIECES = ['\r', '\n', '\r\n', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff', '\ufeff', '\ufffe', '\u2028',
  '</script>', '<script>', ']]>', '<!--', '&amp;', '&', '<', '>', '"', "'", '|', '`', '```', '\\', '*', '_', '[x](y)', '#', 'é', '🙂'];

/** Strings made of hostile pieces and any code point (lone surrogates included). */
export function hostileStringArbitrary(maxLength = 12): fc.Arbitrary<string> {
  return fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })), maxLength });
}

export function requirementIdArbitrary(): fc.Arbitrary<RequirementId> {
  return fc.tuple(fc.constantFrom(...AREAS), fc.integer({ min: 1, max: 999 })).map(([area, n]) => `${area}-${String(n).padStart(3, '0')}` as RequirementId);
}

export function transcriptChunkArbitrary(): fc.Arbitrary<TranscriptChunk> {
  return fc.record({ atMs: fc.double({ min: 0, max: 1e6, noNaN: true }), escaped: hostileStringArbitrary(), length: fc.nat(10_000) });
}

export function counterexampleArbitrary(): fc.Arbitrary<Counterexample> {
  return fc.record(
    {
      seed: fc.integer(),
      path: fc.string({ unit: fc.constantFrom('0', '1', '2', ':'), maxLength: 8 }),
      input: hostileStringArbitrary(),
      shrinks: fc.nat(100),
      sent: hostileStringArbitrary(),
      clientView: hostileStringArbitrary(),
      transcript: fc.array(transcriptChunkArbitrary(), { maxLength: 4 }),
      replay: hostileStringArbitrary(),
    },
    { requiredKeys: ['seed', 'input', 'replay'] },
  );
}

/** What a result came to, before grading: judged (pass / fail), not run, or not judged for a reason. */
type Outcome = 'pass' | 'fail' | 'skip' | 'blocked' | 'unimplemented' | 'harness-error';

export function rootCauseArbitrary(): fc.Arbitrary<RootCause> {
  return fc.record({ call: fc.oneof(fc.constantFrom('writeSSE', 'sseResponse', 'createStream', 'close', 'handle'), hostileStringArbitrary()), difference: hostileStringArbitrary() });
}

export function strayErrorArbitrary(): fc.Arbitrary<StrayError> {
  return fc.record({ during: requirementIdArbitrary(), description: hostileStringArbitrary() });
}

/**
 * A result whose verdict agrees with its status and level, as the runner
 * grades it, and whose fields agree with its verdict: `blockedBy` on a
 * blocked result (and sometimes on a failure: a block whose blocker did not
 * fail in the run), `capability` only on unimplemented, `harnessStack` only
 * on a harness error, `rootCause` only on a failure; stray errors on any.
 */
export function requirementResultArbitrary(id: RequirementId): fc.Arbitrary<RequirementResult> {
  const ids = fc.array(requirementIdArbitrary(), { minLength: 1, maxLength: 3 });
  return fc
    .record(
      {
        level: fc.constantFrom<Level>('MUST', 'SHOULD'),
        title: hostileStringArbitrary(),
        outcome: fc.constantFrom<Outcome>('pass', 'fail', 'skip', 'blocked', 'unimplemented', 'harness-error'),
        profile: fc.constantFrom('in-process', 'wire', 'browser' as const),
        message: hostileStringArbitrary(),
        counterexample: counterexampleArbitrary(),
        properties: fc.nat(5),
        durationMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
        blockedBy: ids,
        capability: hostileStringArbitrary(),
        harnessStack: hostileStringArbitrary(40),
        rootCause: rootCauseArbitrary(),
        strayErrors: fc.array(strayErrorArbitrary(), { minLength: 1, maxLength: 2 }),
        /** A failure that was a block whose blocker did not fail in the run (it keeps its `blockedBy`). */
        settledBlock: fc.boolean(),
      },
      { requiredKeys: ['level', 'title', 'outcome', 'profile', 'properties', 'durationMs', 'blockedBy', 'capability', 'settledBlock'] },
    )
    .map(({ outcome, blockedBy, capability, harnessStack, rootCause, strayErrors, settledBlock, ...fields }) => {
      const status: Status = outcome === 'pass' || outcome === 'fail' ? outcome : 'skip';
      const verdict: Verdict =
        outcome === 'pass' ? 'ok' : outcome === 'fail' ? (fields.level === 'MUST' ? 'failed' : 'non-strict') : outcome === 'skip' ? 'skipped' : outcome;
      const result: RequirementResult = { id, ...fields, status, verdict };
      if (outcome === 'blocked') result.blockedBy = blockedBy;
      if (outcome === 'fail' && rootCause !== undefined) result.rootCause = rootCause;
      if (outcome === 'fail' && settledBlock) result.blockedBy = blockedBy;
      if (outcome === 'unimplemented') result.capability = capability;
      if (outcome === 'harness-error' && harnessStack !== undefined) result.harnessStack = harnessStack;
      if (strayErrors !== undefined) result.strayErrors = strayErrors;
      return result;
    });
}

export function adapterReportArbitrary(ids: readonly RequirementId[]): fc.Arbitrary<AdapterReport> {
  return fc
    .record({
      name: hostileStringArbitrary(),
      source: hostileStringArbitrary(),
      requirements: fc.tuple(...ids.map((id) => requirementResultArbitrary(id))),
    })
    .map(({ name, source, requirements }) => adapterReport(name, source, requirements));
}

/** A report of 1–3 adapters over the same 0–6 requirements. */
export function conformanceReportArbitrary(): fc.Arbitrary<ConformanceReport> {
  return fc
    .uniqueArray(requirementIdArbitrary(), { maxLength: 6 })
    .chain((ids) =>
      fc.record({
        tool: fc.constant('streamconform' as const),
        version: fc.constantFrom('0.1.0', '1.2.3-beta.1'),
        seed: fc.integer(),
        runs: fc.nat(10_000),
        level: fc.constantFrom('must', 'should' as const),
        startedAt: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
        durationMs: fc.double({ min: 0, max: 1e7, noNaN: true }),
        passed: fc.boolean(),
        command: hostileStringArbitrary(),
        adapters: fc.array(adapterReportArbitrary(ids), { minLength: 1, maxLength: 3 }),
      }),
    );
}
