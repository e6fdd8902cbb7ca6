/** junit.xml: well-formed whatever the strings hold, and verdicts mapped as junit.ts documents. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../reports/conformance/junit.ts';
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { countsAtLevel } from '../../reports/conformance/outcome.ts';
import { visible } from '../../reports/conformance/text.ts';
import { conformanceReportArbitrary } from './arbitraries.ts';
import { expectReport, FIXTURES, mixedReport } from './fixtures.ts';
import { descendants, parseXml, type XmlElement } from './xml-parse.ts';

function testcase(root: XmlElement, suiteIndex: number, id: string): XmlElement {
  const suite = descendants(root, 'testsuite')[suiteIndex]!;
  const found = descendants(suite, 'testcase').find((element) => element.attributes.name!.startsWith(`[${id}] `));
  if (found === undefined) throw new Error(`no testcase ${id} in suite ${suiteIndex}`);
  return found;
}

function childNames(element: XmlElement): string[] {
  return element.children.map((child) => child.name);
}

describe('the well-formedness check itself', () => {
  it('rejects what XML 1.0 forbids, so a pass below means something', () => {
    expect(() => parseXml('<a>\u0000</a>')).toThrow(/not well-formed/);
    expect(() => parseXml('<a>\ud800</a>')).toThrow(/not well-formed/);
    expect(() => parseXml('<a>x]]>y</a>')).toThrow(/not well-formed/);
    expect(() => parseXml('<a b="<"/>')).toThrow(/not well-formed/);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/not well-formed/);
    expect(parseXml('<a b="&#10;">x &amp; y</a>').attributes.b).toBe('\n');
  });
});

describe('renderJunit', () => {
  for (const [name, makeReport] of Object.entries(FIXTURES)) {
    it(`${name}: is well-formed XML 1.0 with a testsuite per adapter and a testcase per requirement`, () => {
      const report = makeReport();
      const root = parseXml(renderJunit(report));
      expect(root.name).toBe('testsuites');
      const suites = descendants(root, 'testsuite');
      expect(suites.map((suite) => suite.attributes.name)).toEqual(report.adapters.map((adapter) => visible(adapter.name)));
      suites.forEach((suite, index) => {
        const cases = descendants(suite, 'testcase');
        expect(cases.length).toBe(report.adapters[index]!.requirements.length);
        expect(Number(suite.attributes.tests)).toBe(cases.length);
        expect(Number(suite.attributes.failures)).toBe(cases.filter((element) => childNames(element).includes('failure')).length);
        expect(Number(suite.attributes.skipped)).toBe(cases.filter((element) => childNames(element).includes('skipped')).length);
        expect(Number(suite.attributes.errors)).toBe(cases.filter((element) => childNames(element).includes('error')).length);
      });
      const sum = (name: string): number => suites.reduce((total, suite) => total + Number(suite.attributes[name]), 0);
      for (const name of ['tests', 'failures', 'errors', 'skipped']) expect(Number(root.attributes[name]), name).toBe(sum(name));
    });
  }

  it('is well-formed for any strings in any field, and carries them back (made visible)', () => {
    fc.assert(
      fc.property(conformanceReportArbitrary(), (report: ConformanceReport) => {
        const root = parseXml(renderJunit(report));
        const suites = descendants(root, 'testsuite');
        report.adapters.forEach((adapter, index) => {
          const suite = suites[index]!;
          expect(suite.attributes.name).toBe(visible(adapter.name));
          const cases = descendants(suite, 'testcase');
          adapter.requirements.forEach((result, caseIndex) => {
            const element = cases[caseIndex]!;
            expect(element.attributes.name).toBe(visible(`[${result.id}] ${result.title}`));
            expect(element.attributes.classname).toBe(result.id.split('-')[0]);
            expect(element.attributes.time).toBe((result.durationMs / 1000).toFixed(3));
            const failure = element.children.find((child) => child.name === 'failure');
            const blocking = result.status === 'fail' && countsAtLevel(result.level, report.level);
            expect(failure !== undefined).toBe(blocking);
            expect(element.children.some((child) => child.name === 'error')).toBe(result.verdict === 'harness-error');
            const skipped = element.children.find((child) => child.name === 'skipped');
            if (result.verdict === 'blocked' || result.verdict === 'unimplemented') expect(skipped?.attributes.type).toBe(result.verdict);
            if (failure !== undefined && result.message !== undefined) {
              expect(failure.attributes.message).toBe(visible(result.message, { multiline: true }));
            }
          });
        });
      }),
    );
  });

  it('a failed MUST is <failure type="failed"> whose body has the message, input, bytes with CR/LF visible, transcript and replay', () => {
    const report = mixedReport();
    const root = parseXml(renderJunit(report));
    const wire = testcase(root, 1, 'WIRE-001');
    expect(wire.attributes.classname).toBe('WIRE');
    expect(wire.attributes.name).toBe('[WIRE-001] streams use chunked transfer coding');
    const failure = wire.children.find((child) => child.name === 'failure')!;
    expect(failure.attributes.type).toBe('failed');
    expect(failure.attributes.message).toContain('expected Transfer-Encoding: chunked');
    expect(failure.text).toContain('HTTP/1.1 200 OK\\r\\n');
    expect(failure.text).toContain('1003.9');
    expect(failure.text).toContain('npx streamconform run --adapter ./broken.ts --only WIRE-001 --seed 1234567');
    const sse = testcase(root, 1, 'SSE-005').children.find((child) => child.name === 'failure')!;
    expect(sse.text).toContain('Shrunk input (seed 1234567, path "17:2:0", 9 shrinks)');
    expect(sse.text).toContain('["a\\rb\\u0000</script>]]>|\\ud800"]');
    expect(sse.attributes.message).toContain('Raw message text: a\\rb\nc\\r\nd\\x00e\\u{d800}f</script>g]]>h|i```j<b>k&amp;');
  });

  it('a failed SHOULD at --level must passes with a NON-STRICT note in <system-out>; at --level should it is <failure type="non-strict">', () => {
    const atMust = testcase(parseXml(renderJunit(mixedReport())), 1, 'SSE-003');
    expect(childNames(atMust)).toEqual(['system-out']);
    expect(atMust.children[0]!.text).toMatch(/^NON-STRICT: this SHOULD failed; it fails the run only at --level should\./);
    expect(atMust.children[0]!.text).toContain('X-Accel-Buffering');

    const atShould = testcase(parseXml(renderJunit({ ...mixedReport(), level: 'should' })), 1, 'SSE-003');
    expect(childNames(atShould)).toEqual(['failure']);
    expect(atShould.children[0]!.attributes.type).toBe('non-strict');
  });

  it('a skipped requirement is <skipped message>', () => {
    const browser = testcase(parseXml(renderJunit(mixedReport())), 0, 'BROWSER-001');
    expect(browser.children).toHaveLength(1);
    expect(browser.children[0]!.name).toBe('skipped');
    expect(browser.children[0]!.attributes.message).toBe('not run: --browser not given');
  });

  it('under --expect: expected failures are <skipped type="expected-fail"> with details, unexpected results are failures', () => {
    const root = parseXml(renderJunit(expectReport()));
    const expected = testcase(root, 1, 'SSE-005');
    expect(childNames(expected)).toEqual(['skipped', 'system-out']);
    expect(expected.children[0]!.attributes.type).toBe('expected-fail');
    expect(expected.children[1]!.text).toContain('Bytes sent (escaped, CR/LF visible)');
    const unexpectedPass = testcase(root, 1, 'SSE-001').children[0]!;
    expect([unexpectedPass.name, unexpectedPass.attributes.type]).toEqual(['failure', 'unexpected-pass']);
    const unexpectedFail = testcase(root, 1, 'WIRE-001').children[0]!;
    expect([unexpectedFail.name, unexpectedFail.attributes.type]).toEqual(['failure', 'failed']);
    expect(unexpectedFail.attributes.message).toMatch(/^unexpected failure \(not in the expectation file\): /);
    expect(root.attributes.failures).toBe('5');
  });

  it('a harness error is <error type="harness-error"> (not a failure) with the suite\'s stack and a "please report"', () => {
    const root = parseXml(renderJunit(mixedReport()));
    const harness = testcase(root, 1, 'HDR-008');
    expect(childNames(harness)).toEqual(['error']);
    const error = harness.children[0]!;
    expect(error.attributes.type).toBe('harness-error');
    expect(error.attributes.message).toContain("TypeError: Cannot read properties of undefined (reading 'get')");
    expect(error.text).toContain('This is a bug in streamconform, not in the implementation: please report it');
    expect(error.text).toContain('at headerOf (/repo/conformance/properties/hdr.ts:88:21)');
    expect(descendants(root, 'testsuite')[1]!.attributes.errors).toBe('1');
    expect(root.attributes.errors).toBe('1');
  });

  it('blocked and unimplemented are <skipped> with their type and reason', () => {
    const root = parseXml(renderJunit(mixedReport()));
    const blocked = testcase(root, 1, 'CLOSE-004');
    expect(childNames(blocked)).toEqual(['skipped']);
    expect(blocked.children[0]!.attributes.type).toBe('blocked');
    expect(blocked.children[0]!.attributes.message).toMatch(/^blocked by CLOSE-003: /);
    const unimplemented = testcase(root, 1, 'SSE-021');
    expect(childNames(unimplemented)).toEqual(['skipped']);
    expect(unimplemented.children[0]!.attributes.type).toBe('unimplemented');
    expect(unimplemented.children[0]!.attributes.message).toMatch(/^capability writeComment not implemented \(optional\): /);
  });

  it('stray errors: a note in <system-out> where they were seen; listed once in the details of the failure that judges them', () => {
    const root = parseXml(renderJunit(mixedReport()));
    const seen = testcase(root, 1, 'SSE-001');
    expect(childNames(seen)).toEqual(['system-out']);
    expect(seen.children[0]!.text).toMatch(/^STRAY ERRORS: 1 stray error \(unhandled rejection \/ uncaught exception\) seen while this ran: judged by CLOSE-009\.\n  during SSE-001: Error: enqueue after close <\/script>\\x00/);
    const judge = testcase(root, 1, 'CLOSE-009');
    expect(childNames(judge)).toEqual(['failure']);
    expect(judge.children[0]!.text).toContain('Root cause:\n  unhandled rejection or uncaught exception');
    expect(judge.children[0]!.text.match(/during SSE-001: Error: enqueue after close/g)).toHaveLength(2);
  });

  it('never writes a raw control character or lone surrogate', () => {
    const xml = renderJunit(mixedReport());
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\r]/);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(xml).not.toContain(']]>');
  });
});
