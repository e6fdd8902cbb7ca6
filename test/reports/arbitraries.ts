/**
 * fast-check arbitraries of conformance reports, for the renderers'
 * properties: every string field may hold CR, LF, NUL, lone surrogates,
 * markup and Markdown syntax.
 */
import { adapterReport } from '../../reports/conformance/outcome.ts';
import fc from 'fast-check';
import { AREAS, type Level, type RequirementId } from '../../conformance/requirements/types.ts';
import type { AdapterReport, ConformanceReport, Counterexample, RequirementResult, Status, TranscriptChunk } from '../../reports/conformance/model.ts';

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

/** A result whose verdict agrees with its status and level, as the runner grades it. */
export function requirementResultArbitrary(id: RequirementId): fc.Arbitrary<RequirementResult> {
  return fc
    .record(
      {
        level: fc.constantFrom<Level>('MUST', 'SHOULD'),
        title: hostileStringArbitrary(),
        status: fc.constantFrom<Status>('pass', 'fail', 'skip'),
        profile: fc.constantFrom('in-process', 'wire', 'browser' as const),
        message: hostileStringArbitrary(),
        counterexample: counterexampleArbitrary(),
        properties: fc.nat(5),
        durationMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
      },
      { requiredKeys: ['level', 'title', 'status', 'profile', 'properties', 'durationMs'] },
    )
    .map((fields) => {
      const verdict = fields.status === 'pass' ? 'ok' : fields.status === 'skip' ? 'skipped' : fields.level === 'MUST' ? 'failed' : 'non-strict';
      return { id, ...fields, verdict } satisfies RequirementResult;
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
