/**
 * Representative reports for the golden-file tests: what the runner would
 * produce for a clean run, a run with every kind of outcome (and hostile
 * strings in every field a check can fill), and the same run gated by an
 * expectation file.
 */
import { adapterReport } from '../../reports/conformance/outcome.ts';
import { applyExpectations } from '../../conformance/expectations/index.ts';
import type { Level, Profile, RequirementId } from '../../conformance/requirements/types.ts';
import type { AdapterReport, ConformanceReport, Counterexample, RequirementResult, RootCause, Status, StrayError, Verdict } from '../../reports/conformance/model.ts';

/** What a fixture result may carry beyond id, level, title and status. */
export interface ResultExtra {
  profile?: Profile;
  message?: string;
  counterexample?: Counterexample;
  properties?: number;
  durationMs?: number;
  /** For status `skip`: `blocked`, `unimplemented` or `harness-error` instead of `skipped`. */
  verdict?: Extract<Verdict, 'blocked' | 'unimplemented' | 'harness-error'>;
  blockedBy?: RequirementId[];
  capability?: string;
  harnessStack?: string;
  rootCause?: RootCause;
  strayErrors?: StrayError[];
}

/** A result with its verdict graded from status and level, as the runner grades it. */
export function result(id: RequirementId, level: Level, title: string, status: Status, extra: ResultExtra = {}): RequirementResult {
  if (extra.verdict !== undefined && status !== 'skip') throw new Error(`fixture ${id}: verdict ${extra.verdict} needs status skip`);
  const verdict = status === 'pass' ? 'ok' : status === 'skip' ? (extra.verdict ?? 'skipped') : level === 'MUST' ? 'failed' : 'non-strict';
  const out: RequirementResult = {
    id,
    level,
    title,
    status,
    verdict,
    profile: extra.profile ?? (id.startsWith('WIRE') ? 'wire' : id.startsWith('BROWSER') ? 'browser' : 'in-process'),
    properties: extra.properties ?? 1,
    durationMs: extra.durationMs ?? 12.5,
  };
  if (extra.message !== undefined) out.message = extra.message;
  if (extra.counterexample !== undefined) out.counterexample = extra.counterexample;
  if (extra.blockedBy !== undefined) out.blockedBy = extra.blockedBy;
  if (extra.capability !== undefined) out.capability = extra.capability;
  if (extra.harnessStack !== undefined) out.harnessStack = extra.harnessStack;
  if (extra.rootCause !== undefined) out.rootCause = extra.rootCause;
  if (extra.strayErrors !== undefined) out.strayErrors = extra.strayErrors;
  return out;
}

/** An adapter report with its summary counted from its results. */
export function adapter(name: string, source: string, requirements: RequirementResult[]): AdapterReport {
  return adapterReport(name, source, requirements);
}

const STARTED_AT = '2025-01-02T03:04:05.678Z';

/** The reference implementation, everything passes. */
export function allPassReport(): ConformanceReport {
  return {
    tool: 'streamconform',
    version: '0.1.0',
    seed: 42,
    runs: 100,
    level: 'must',
    startedAt: STARTED_AT,
    durationMs: 3456.7,
    passed: true,
    command: 'npx streamconform run --adapter reference --seed 42 --runs 100',
    adapters: [
      adapter('reference', 'reference', [
        result('SSE-001', 'MUST', 'content-type is exactly text/event-stream', 'pass', { durationMs: 4 }),
        result('SSE-003', 'SHOULD', 'x-accel-buffering no on event streams', 'pass', { durationMs: 3 }),
        result('SSE-005', 'MUST', 'string data split on CR, LF and CRLF', 'pass', { properties: 2, durationMs: 812.25 }),
        result('CHUNK-001', 'MUST', 'a string chunk is its UTF-8 bytes', 'pass', { durationMs: 95 }),
        result('HDR-001', 'MUST', 'manual stream defaults to text/plain; charset=utf-8', 'pass', { durationMs: 2 }),
        result('CLOSE-002', 'MUST', 'a second close() does nothing', 'pass', { durationMs: 40 }),
        result('WIRE-001', 'MUST', 'streams use chunked transfer coding', 'pass', { durationMs: 230 }),
        result('BROWSER-001', 'MUST', "Chromium's EventSource reads every event", 'pass', { durationMs: 1900 }),
      ]),
    ],
  };
}

/** Hostile text: CR, LF, CRLF, NUL, a lone surrogate, `</script>`, `]]>`, `|`, backticks, `<b>`, `&`. */
export const NASTY = 'a\rb\nc\r\nd\u0000e\ud800f</script>g]]>h|i```j<b>k&amp;';

/** The stray error the broken adapter raised while SSE-001 ran (judged by CLOSE-009). */
const STRAY: StrayError = {
  during: 'SSE-001',
  description: "Error: enqueue after close </script>\u0000\n    at Timeout._onTimeout (broken.ts:40:11)",
};

/**
 * Two adapters: one passes (a browser check skipped), one fails in every
 * way: failed MUSTs (two of them sharing a root: messages that differ only
 * in their inputs), a non-strict SHOULD, a skip, a blocked result, an
 * unimplemented capability, a harness error, a stray error seen while a
 * passing check ran and CLOSE-009 failing for it.
 */
export function mixedReport(): ConformanceReport {
  const sseCounterexample: Counterexample = {
    seed: 1234567,
    path: '17:2:0',
    input: '["a\\rb\\u0000</script>]]>|\\ud800"]',
    shrinks: 9,
    sent: 'data: a\\rb\\x00</script>]]>|\\u{d800}\\n\\n',
    clientView: '[{"type":"message","data":"a"},\n {"type":"b\\u0000</script>]]>|\\ud800"}]',
    replay: 'npx streamconform run --adapter "./test/fixtures/adapters/broken | fork.ts" --only SSE-005 --seed 1234567 --path "17:2:0"',
  };
  const emptyCounterexample: Counterexample = {
    seed: 1234567,
    path: '4:0',
    input: '[""]',
    shrinks: 2,
    sent: '\\n',
    clientView: '[]',
    replay: 'npx streamconform run --adapter "./test/fixtures/adapters/broken | fork.ts" --only SSE-009 --seed 1234567 --path "4:0"',
  };
  const chunkCounterexample: Counterexample = {
    seed: 1234567,
    path: '3',
    input: '[{"encoding":"base64","chunk":"```\\u0000"}]',
    shrinks: 1,
    sent: 'YGBgAA==',
    replay: 'npx streamconform run --adapter ./broken.ts --only CHUNK-002 --seed 1234567 --path "3"',
  };
  const wireCounterexample: Counterexample = {
    seed: 1234567,
    input: '["one","two"]',
    sent: 'HTTP/1.1 200 OK\\r\\nContent-Length: 6\\r\\n\\r\\nonetwo',
    transcript: [
      { atMs: 0.42, escaped: 'HTTP/1.1 200 OK\\r\\nContent-Length: 6\\r\\n\\r\\n', length: 40 },
      { atMs: 1003.9, escaped: 'one', length: 3 },
      { atMs: 2007.25, escaped: 'two', length: 3 },
    ],
    replay: 'npx streamconform run --adapter ./broken.ts --only WIRE-001 --seed 1234567',
  };
  return {
    tool: 'streamconform',
    version: '0.1.0',
    seed: 1234567,
    runs: 200,
    level: 'must',
    startedAt: STARTED_AT,
    durationMs: 65_432,
    passed: false,
    command: 'npx streamconform run --adapter reference --adapter "./test/fixtures/adapters/broken | fork.ts" --seed 1234567 --runs 200',
    adapters: [
      adapter('reference', 'reference', [
        result('SSE-001', 'MUST', 'content-type is exactly text/event-stream', 'pass'),
        result('SSE-003', 'SHOULD', 'x-accel-buffering no on event streams', 'pass'),
        result('SSE-005', 'MUST', 'string data split on CR, LF and CRLF', 'pass', { properties: 2 }),
        result('SSE-009', 'MUST', 'writeSSE("") is one event with empty data', 'pass'),
        result('SSE-021', 'SHOULD', 'comments for heartbeats', 'pass'),
        result('CHUNK-002', 'MUST', 'base64 chunks use the `+/` alphabet | padded', 'pass'),
        result('HDR-004', 'MUST', 'no hop-by-hop headers', 'pass'),
        result('HDR-008', 'MUST', 'caller headers are kept', 'pass'),
        result('CLOSE-003', 'MUST', 'write after close throws and sends nothing', 'pass'),
        result('CLOSE-004', 'MUST', 'abort after close changes nothing', 'pass'),
        result('CLOSE-009', 'MUST', 'no unhandled rejection, ever', 'pass'),
        result('WIRE-001', 'MUST', 'streams use chunked transfer coding', 'pass'),
        result('BROWSER-001', 'MUST', "Chromium's EventSource reads every event", 'skip', { message: 'not run: --browser not given' }),
      ]),
      adapter('broken <fork> | v2', './test/fixtures/adapters/broken | fork.ts', [
        result('SSE-001', 'MUST', 'content-type is exactly text/event-stream', 'pass', { strayErrors: [STRAY] }),
        result('SSE-003', 'SHOULD', 'x-accel-buffering no on event streams', 'fail', {
          message: 'every event stream sends X-Accel-Buffering: no: X-Accel-Buffering: expected "no", got null (headers: {"content-type":"text/event-stream"})',
          counterexample: { seed: 1234567, input: '[]', replay: 'npx streamconform run --adapter ./broken.ts --only SSE-003 --seed 1234567' },
        }),
        result('SSE-005', 'MUST', 'string data split on CR, LF and CRLF', 'fail', {
          properties: 2,
          durationMs: 1500,
          message: `string data split on CR, LF and CRLF reads back with LF: writeSSE(${JSON.stringify('a\rb')}) dispatched 2 events, expected 1.\nRaw message text: ${NASTY}`,
          counterexample: sseCounterexample,
        }),
        result('SSE-009', 'MUST', 'writeSSE("") is one event with empty data', 'fail', {
          message: 'writeSSE("") is one event with empty data: writeSSE("") dispatched 0 events, expected 1.',
          counterexample: emptyCounterexample,
        }),
        result('SSE-021', 'SHOULD', 'comments for heartbeats', 'skip', {
          verdict: 'unimplemented',
          capability: 'writeComment',
          message: 'writeComment writes comment lines a client ignores: the stream has no writeComment (an optional capability)',
        }),
        result('CHUNK-002', 'MUST', 'base64 chunks use the `+/` alphabet | padded', 'fail', {
          message: 'base64 chunks are padded, one per line: chunk 1: expected "YGBgAA==\\n", got "YGBgAA==" (missing the LF after the chunk)',
          counterexample: chunkCounterexample,
        }),
        result('HDR-004', 'MUST', 'no hop-by-hop headers', 'skip', { message: `skipped by --only; ${NASTY}` }),
        result('HDR-008', 'MUST', 'caller headers are kept', 'skip', {
          verdict: 'harness-error',
          message: "caller headers reach the client unchanged: streamconform itself broke while judging (not a verdict on the implementation; please report it with this run's command and seed): TypeError: Cannot read properties of undefined (reading 'get')",
          harnessStack: "TypeError: Cannot read properties of undefined (reading 'get')\n    at headerOf (/repo/conformance/properties/hdr.ts:88:21)\n    at check (/repo/conformance/properties/hdr.ts:120:5)",
        }),
        result('CLOSE-003', 'MUST', 'write after close throws and sends nothing', 'fail', {
          message: 'write after close throws: the check threw: TypeError: Cannot read properties of undefined (reading \'enqueue\')\n    at write (broken.ts:12:7)',
        }),
        result('CLOSE-004', 'MUST', 'abort after close changes nothing', 'skip', {
          verdict: 'blocked',
          blockedBy: ['CLOSE-003'],
          message: 'an abort after close() changes nothing: cannot judge: close() did not end the stream, so nothing comes after it (CLOSE-003 failed first)',
        }),
        result('CLOSE-009', 'MUST', 'no unhandled rejection, ever', 'fail', {
          message: `the implementation raised 1 unhandled rejection(s) / uncaught exception(s) while other checks ran (during SSE-001); first, during SSE-001: ${STRAY.description}`,
          rootCause: { call: 'the implementation', difference: 'unhandled rejection or uncaught exception' },
          strayErrors: [STRAY],
        }),
        result('WIRE-001', 'MUST', 'streams use chunked transfer coding', 'fail', {
          message: 'a streamed body uses Transfer-Encoding: chunked: expected Transfer-Encoding: chunked, got Content-Length: 6; the body arrived in 3 reads',
          counterexample: wireCounterexample,
        }),
      ]),
    ],
  };
}

/** The mixed run at `--level should`, gated by an expectation file that is partly stale. */
export function expectReport(): ConformanceReport {
  const report: ConformanceReport = {
    ...mixedReport(),
    level: 'should',
    command: `${mixedReport().command} --level should --expect streamconform.expect.json`,
  };
  const brokenName = report.adapters[1]!.name;
  return applyExpectations(report, {
    tool: 'streamconform',
    expectations: {
      [brokenName]: { 'SSE-005': 'fail', 'CHUNK-002': 'fail', 'CLOSE-003': 'fail', 'SSE-001': 'fail', 'SSE-999': 'fail', 'not an id': 'fail' },
      'gone-adapter': { 'SSE-001': 'fail' },
    },
  });
}

/** Every fixture by name (the golden folder's name). */
export const FIXTURES: Record<string, () => ConformanceReport> = {
  'all-pass': allPassReport,
  mixed: mixedReport,
  expect: expectReport,
};
