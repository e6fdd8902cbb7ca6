/** conformance.json against conformance.schema.json (draft 2020-12, ajv). */
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AREAS } from '../../conformance/requirements/types.ts';
import schema from '../../reports/conformance/conformance.schema.json' with { type: 'json' };
import { renderJson } from '../../reports/conformance/json.ts';
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { conformanceReportArbitrary } from './arbitraries.ts';
import { FIXTURES, mixedReport } from './fixtures.ts';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function errorsOf(value: unknown): string {
  return validate(value) ? '' : ajv.errorsText(validate.errors);
}

/** The mixed fixture as parsed JSON, to break in one place per test. */
function mixedJson(): Record<string, unknown> & { adapters: { requirements: Record<string, unknown>[] }[] } {
  return JSON.parse(renderJson(mixedReport()));
}

/** The broken adapter's result of `id` in the parsed mixed fixture. */
function byId(json: ReturnType<typeof mixedJson>, id: string): Record<string, unknown> {
  const found = json.adapters[1]!.requirements.find((result) => result.id === id);
  if (found === undefined) throw new Error(`no ${id} in the mixed fixture`);
  return found;
}

describe('conformance.schema.json', () => {
  it('is a valid draft 2020-12 schema that ajv compiles in strict mode', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('names exactly the areas of conformance/requirements/types.ts in its id pattern', () => {
    const pattern = schema.$defs.requirementId.pattern;
    expect(pattern).toBe(`^(${AREAS.join('|')})-[0-9]{3,}$`);
  });

  for (const [name, makeReport] of Object.entries(FIXTURES)) {
    it(`accepts the ${name} fixture`, () => {
      expect(errorsOf(JSON.parse(renderJson(makeReport())))).toBe('');
    });
  }

  it('accepts every well-typed report, and conformance.json parses back to the same report', () => {
    fc.assert(
      fc.property(conformanceReportArbitrary(), (report: ConformanceReport) => {
        const parsed: unknown = JSON.parse(renderJson(report));
        expect(errorsOf(parsed)).toBe('');
        expect(parsed).toEqual(report);
      }),
    );
  });

  const breakages: [string, (json: ReturnType<typeof mixedJson>) => void, string][] = [
    ['a missing seed', (json) => delete json.seed, "must have required property 'seed'"],
    ['another tool', (json) => (json.tool = 'h2spec'), 'must be equal to constant'],
    ['level "MAY"', (json) => (json.adapters[0]!.requirements[0]!.level = 'MAY'), 'must be equal to one of the allowed values'],
    ['status "maybe"', (json) => (json.adapters[0]!.requirements[0]!.status = 'maybe'), 'must be equal to one of the allowed values'],
    ['an id that is not AREA-NNN', (json) => (json.adapters[0]!.requirements[0]!.id = 'SSE-3'), 'must match pattern'],
    ['a failed MUST graded non-strict', (json) => {
      const failed = json.adapters[1]!.requirements.find((result) => result.level === 'MUST' && result.status === 'fail')!;
      failed.verdict = 'non-strict';
    }, 'must be equal to constant'],
    ['a pass graded failed', (json) => (json.adapters[0]!.requirements[0]!.verdict = 'failed'), 'must be equal to constant'],
    ['an unexpected-pass on a failure', (json) => {
      const failed = json.adapters[1]!.requirements.find((result) => result.status === 'fail')!;
      failed.expectation = 'unexpected-pass';
    }, 'must be equal to constant'],
    ['a field the model does not have', (json) => (json.colour = 'red'), 'must NOT have additional properties'],
    ['a startedAt that is not a timestamp', (json) => (json.startedAt = 'yesterday'), 'must match pattern'],
    ['a summary without harnessError', (json) => delete (json.adapters[1] as unknown as { summary: Record<string, unknown> }).summary.harnessError, "must have required property 'harnessError'"],
    ['an adapter without rootCauses', (json) => delete (json.adapters[1] as Record<string, unknown>).rootCauses, "must have required property 'rootCauses'"],
    ['a root cause group with an extra field', (json) => {
      ((json.adapters[1] as unknown as { rootCauses: Record<string, unknown>[] }).rootCauses[0]!).colour = 'red';
    }, 'must NOT have additional properties'],
    ['verdict "flaky"', (json) => (json.adapters[0]!.requirements[0]!.verdict = 'flaky'), 'must be equal to one of the allowed values'],
    ['a blocked result without blockedBy', (json) => {
      delete byId(json, 'CLOSE-004').blockedBy;
    }, "must have required property 'blockedBy'"],
    ['a blocked result with status fail', (json) => (byId(json, 'CLOSE-004').status = 'fail'), 'must be equal to constant'],
    ['an unimplemented result without capability', (json) => {
      delete byId(json, 'SSE-021').capability;
    }, "must have required property 'capability'"],
    ['a capability on a failure', (json) => (byId(json, 'SSE-005').capability = 'writeComment'), 'must be equal to constant'],
    ['a harness stack on a pass', (json) => (byId(json, 'SSE-001').harnessStack = 'TypeError'), 'must be equal to constant'],
    ['blockedBy on a pass', (json) => (byId(json, 'SSE-001').blockedBy = ['SSE-005']), 'must be equal to one of the allowed values'],
    ['a root cause on a skipped result', (json) => (byId(json, 'HDR-004').rootCause = { call: 'writeSSE', difference: 'x' }), 'must be equal to constant'],
    ['a root cause without difference', (json) => {
      delete (byId(json, 'CLOSE-009').rootCause as Record<string, unknown>).difference;
    }, "must have required property 'difference'"],
    ['a stray error whose during is not an id', (json) => {
      (byId(json, 'SSE-001').strayErrors as { during: string }[])[0]!.during = 'somewhere';
    }, 'must match pattern'],
    ['a counterexample without replay', (json) => {
      const failed = json.adapters[1]!.requirements.find((result) => result.counterexample !== undefined)!;
      delete (failed.counterexample as Record<string, unknown>).replay;
    }, "must have required property 'replay'"],
  ];
  for (const [what, breakIt, expected] of breakages) {
    it(`rejects ${what}`, () => {
      const json = mixedJson();
      breakIt(json);
      expect(errorsOf(json)).toContain(expected);
    });
  }
});

describe('renderJson', () => {
  it('writes keys in model order whatever order the object was built in, 2-space indent, trailing newline', () => {
    const report = mixedReport();
    const shuffled = Object.fromEntries(Object.entries(report).reverse()) as unknown as ConformanceReport;
    shuffled.adapters = report.adapters.map((adapter) => Object.fromEntries(Object.entries(adapter).reverse()) as never);
    const text = renderJson(shuffled);
    expect(text).toBe(renderJson(report));
    expect(Object.keys(JSON.parse(text))).toEqual(['tool', 'version', 'seed', 'runs', 'level', 'startedAt', 'durationMs', 'passed', 'command', 'adapters']);
    const broken = JSON.parse(text).adapters[1];
    expect(Object.keys(broken)).toEqual(['name', 'source', 'summary', 'rootCauses', 'requirements']);
    expect(Object.keys(broken.summary)).toEqual(['pass', 'fail', 'skip', 'blocked', 'unimplemented', 'harnessError']);
    expect(Object.keys(broken.rootCauses[0])).toEqual(['call', 'difference', 'requirements']);
    expect(text.startsWith('{\n  "tool": "streamconform",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('escapes lone surrogates and NUL so the file is valid UTF-8', () => {
    const text = renderJson(mixedReport());
    expect(text).toContain('\\ud800');
    expect(text).toContain('\\u0000');
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });
});
