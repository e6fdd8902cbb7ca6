/** Expectation files (--expect / --write-expect): reading, applying, recording. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyExpectations,
  ExpectationFileError,
  expectationsFromReport,
  parseExpectationText,
  readExpectations,
  renderExpectationFile,
  writeExpectations,
  type ExpectationFile,
} from '../../conformance/expectations/index.ts';
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { conformanceReportArbitrary } from './arbitraries.ts';
import { allPassReport, mixedReport } from './fixtures.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'streamconform-expect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text, 'utf8');
  return path;
}

async function readError(path: string): Promise<ExpectationFileError> {
  const error: unknown = await readExpectations(path).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ExpectationFileError)) throw new Error(`expected an ExpectationFileError, got ${String(error)}`);
  return error;
}

function results(report: ConformanceReport, adapterIndex: number): Record<string, string | undefined> {
  return Object.fromEntries(report.adapters[adapterIndex]!.requirements.map((result) => [result.id, result.expectation]));
}

const BROKEN = 'broken <fork> | v2';

describe('readExpectations', () => {
  it('reads a valid file', async () => {
    const path = await fileWith('ok.json', '{ "$schema": "./x.json", "tool": "streamconform", "expectations": { "a": { "SSE-001": "fail" }, "b": {} } }');
    expect(await readExpectations(path)).toEqual({ tool: 'streamconform', expectations: { a: { 'SSE-001': 'fail' }, b: {} } });
  });

  it('a missing file: EXPECT_FILE_NOT_FOUND naming the file and the fix', async () => {
    const path = join(dir, 'nope.json');
    const error = await readError(path);
    expect(error.code).toBe('EXPECT_FILE_NOT_FOUND');
    expect(error.file).toBe(path);
    expect(error.message).toBe(`${path}: no such file; record one with --write-expect FILE`);
  });

  it('a directory: EXPECT_FILE_UNREADABLE', async () => {
    const path = join(dir, 'a-directory');
    await mkdir(path);
    expect((await readError(path)).code).toBe('EXPECT_FILE_UNREADABLE');
  });

  it('not JSON: EXPECT_FILE_BAD_JSON', async () => {
    const error = await readError(await fileWith('bad.json', '{ "tool": "streamconform", '));
    expect(error.code).toBe('EXPECT_FILE_BAD_JSON');
    expect(error.message).toMatch(/bad\.json: not valid JSON \(.+\)$/);
  });

  const shapes: [string, string, string][] = [
    ['an array', '[]', 'expected a JSON object {"tool": "streamconform", "expectations": {...}}, got an array []'],
    ['no tool', '{"expectations":{}}', '"tool" is missing; expected "streamconform"'],
    ['another tool', '{"tool":"wpt","expectations":{}}', '"tool" is "wpt"; expected "streamconform"'],
    ['no expectations', '{"tool":"streamconform"}', '"expectations" is missing; expected an object of adapter name → {requirement id: "fail"}'],
    ['an unknown field', '{"tool":"streamconform","expectations":{},"expectatons":{}}', 'unknown field "expectatons"; an expectation file has only "$schema", "comment", "tool", "expectations"'],
    ['an adapter that is not an object', '{"tool":"streamconform","expectations":{"ref":["SSE-001"]}}', 'expectations["ref"] is an array ["SSE-001"]; expected an object of requirement id → "fail"'],
    ['a verdict other than fail', '{"tool":"streamconform","expectations":{"ref":{"SSE-001":"pass"}}}', 'expectations["ref"]["SSE-001"] is "pass"; expected "fail" (list only the requirements expected to fail)'],
    ['CR and NUL in a key, shown escaped', '{"tool":"streamconform","expectations":{"a\\rb":{"x\\u0000":true}}}', 'expectations["a\\rb"]["x\\u0000"] is true; expected "fail"'],
  ];
  for (const [what, text, problem] of shapes) {
    it(`wrong shape, ${what}: EXPECT_FILE_BAD_SHAPE naming the field, value and rule`, async () => {
      const path = await fileWith(`shape-${what.replace(/\W+/g, '-')}.json`, text);
      const error = await readError(path);
      expect(error.code).toBe('EXPECT_FILE_BAD_SHAPE');
      expect(error.message).toContain(`${path}: ${problem}`);
      expect(error.message).not.toMatch(/[\r\u0000]/);
    });
  }

  it('writeExpectations then readExpectations gives the same expectations', async () => {
    const file = expectationsFromReport(mixedReport());
    const path = join(dir, 'nested', 'recorded.json');
    await writeExpectations(path, file);
    expect(await readFile(path, 'utf8')).toBe(renderExpectationFile(file));
    expect(await readExpectations(path)).toEqual(file);
  });
});

describe('expectationsFromReport', () => {
  it('lists every failure (MUST and SHOULD) per adapter, and adapters without failures as {}', () => {
    expect(expectationsFromReport(mixedReport())).toEqual({
      tool: 'streamconform',
      expectations: {
        reference: {},
        [BROKEN]: { 'SSE-003': 'fail', 'SSE-005': 'fail', 'SSE-009': 'fail', 'CHUNK-002': 'fail', 'CLOSE-003': 'fail', 'CLOSE-009': 'fail', 'WIRE-001': 'fail' },
      },
    });
  });
});

describe('applyExpectations', () => {
  const file: ExpectationFile = {
    tool: 'streamconform',
    expectations: { [BROKEN]: { 'SSE-005': 'fail', 'CHUNK-002': 'fail', 'CLOSE-003': 'fail', 'SSE-001': 'fail' } },
  };

  it('marks each result expected, unexpected-fail or unexpected-pass, and leaves the input report alone', () => {
    const report = mixedReport();
    const before = structuredClone(report);
    const judged = applyExpectations(report, file);
    expect(report).toEqual(before);
    expect(results(judged, 1)).toEqual({
      'SSE-001': 'unexpected-pass',
      'SSE-003': 'unexpected-fail',
      'SSE-005': 'expected',
      'SSE-009': 'unexpected-fail',
      'SSE-021': 'expected',
      'CHUNK-002': 'expected',
      'HDR-004': 'expected',
      'HDR-008': 'expected',
      'CLOSE-003': 'expected',
      'CLOSE-004': 'expected',
      'CLOSE-009': 'unexpected-fail',
      'WIRE-001': 'unexpected-fail',
    });
    expect(new Set(Object.values(results(judged, 0)))).toEqual(new Set(['expected']));
  });

  it('a result not judged (blocked, unimplemented, harness error) is expected, even when the file lists it as failing', () => {
    const listed: ExpectationFile = { tool: 'streamconform', expectations: { [BROKEN]: { 'CLOSE-004': 'fail', 'SSE-021': 'fail', 'HDR-008': 'fail' } } };
    const judged = results(applyExpectations(mixedReport(), listed), 1);
    expect([judged['CLOSE-004'], judged['SSE-021'], judged['HDR-008']]).toEqual(['expected', 'expected', 'expected']);
  });

  it('the run passes iff nothing is unexpected at its level', () => {
    const allListed: ExpectationFile = {
      tool: 'streamconform',
      expectations: { [BROKEN]: { 'SSE-005': 'fail', 'SSE-009': 'fail', 'CHUNK-002': 'fail', 'CLOSE-003': 'fail', 'CLOSE-009': 'fail', 'WIRE-001': 'fail' } },
    };
    // SSE-003 (a SHOULD) fails unlisted: unexpected, but it counts only at --level should.
    expect(applyExpectations(mixedReport(), allListed).passed).toBe(true);
    expect(applyExpectations({ ...mixedReport(), level: 'should' }, allListed).passed).toBe(false);
    expect(applyExpectations(mixedReport(), file).passed).toBe(false);
    expect(applyExpectations({ ...allPassReport(), passed: false }, { tool: 'streamconform', expectations: {} }).passed).toBe(true);
    expect(applyExpectations(allPassReport(), { tool: 'streamconform', expectations: { reference: { 'SSE-001': 'fail' } } }).passed).toBe(false);
  });

  it('warns about unknown adapters, malformed ids and requirements not in the run, without failing', () => {
    const judged = applyExpectations(mixedReport(), {
      tool: 'streamconform',
      expectations: { [BROKEN]: { 'SSE-999': 'fail', 'sse 1': 'fail' }, 'gone\r': { 'SSE-001': 'fail' } },
    });
    expect(judged.expectationWarnings).toEqual([
      'expectations["broken <fork> | v2"]["SSE-999"]: unknown requirement (not in this run); ignored',
      'expectations["broken <fork> | v2"]["sse 1"]: not a requirement id (AREA-NNN, e.g. "SSE-004"); ignored',
      'expectations["gone\\r"]: no adapter of that name in this run (adapters: "reference", "broken <fork> | v2")',
    ]);
    expect(applyExpectations(mixedReport(), file).expectationWarnings).toEqual([]);
  });

  it('recording a run and applying the record to it gives no unexpected result and a pass', () => {
    fc.assert(
      fc.property(conformanceReportArbitrary(), (report: ConformanceReport) => {
        const names = report.adapters.map((adapter) => adapter.name);
        fc.pre(new Set(names).size === names.length);
        const judged = applyExpectations(report, expectationsFromReport(report));
        expect(judged.passed).toBe(true);
        expect(judged.expectationWarnings).toEqual([]);
        for (const adapter of judged.adapters) for (const result of adapter.requirements) expect(result.expectation).toBe('expected');
      }),
    );
  });

  it('records an adapter named "__proto__" as its own key, and applying the record expects its failures', () => {
    const report = mixedReport();
    report.adapters[1]!.name = '__proto__';
    const file = expectationsFromReport(report);
    expect(Object.keys(file.expectations)).toContain('__proto__');
    const reread = parseExpectationText(renderExpectationFile(file), 'expect.json');
    expect(Object.keys(reread.expectations)).toContain('__proto__');
    const judged = applyExpectations(report, reread);
    expect(judged.expectationWarnings).toEqual([]);
    for (const result of judged.adapters[1]!.requirements) expect(result.expectation).toBe('expected');
  });

  it('ignores inherited keys: an adapter named "__proto__" or "constructor" is not listed by accident', () => {
    const report = mixedReport();
    report.adapters[1]!.name = 'constructor';
    expect(results(applyExpectations(report, { tool: 'streamconform', expectations: {} }), 1)['SSE-005']).toBe('unexpected-fail');
  });
});
