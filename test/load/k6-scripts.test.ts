/**
 * The k6 scripts: they type-check against @types/k6 (k6 strips types without
 * checking them), and their pure parts — the WHATWG event-stream parser, the
 * chunk decoders, profiles and thresholds — agree with oracles nobody here wrote.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeChunkLines, decodeHex, decodeUtf8 } from '../../load/k6/lib/decode.ts';
import { executorFor, PROFILE_NAMES } from '../../load/k6/lib/profiles.ts';
import { ROUTES, SCENARIO_NAMES } from '../../load/k6/lib/routes.ts';
import { parseEventStream, type ParsedEvent } from '../../load/k6/lib/sse.ts';
import { thresholdsFor } from '../../load/k6/lib/thresholds.ts';
import { iterationParams, requestTimeoutMs, streamLengthMs } from '../../load/k6/lib/workloads.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('type check', () => {
  it('load/k6 passes tsc --noEmit with @types/k6 and no Node types', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(ROOT, 'load', 'k6', 'tsconfig.json')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);

  it('has a scenario file per route and each exports options, its exec function and handleSummary', () => {
    const files = readdirSync(join(ROOT, 'load', 'k6', 'scenarios')).sort();
    expect(files).toEqual(SCENARIO_NAMES.map((name) => `${name}.ts`).sort());
    for (const file of files) {
      const source = readFileSync(join(ROOT, 'load', 'k6', 'scenarios', file), 'utf8');
      expect(source).toContain('export const options = buildOptions(');
      expect(source).toContain("export { handleSummary } from '../lib/summary.ts';");
      expect(source).not.toMatch(/https?:\/\/(?!grafana)/); // no hard-coded hosts
    }
  });
});

/** WHATWG event dispatch as eventsource-parser reports it, tracking the last event id buffer. */
function oracle(body: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  let lastEventId = '';
  const parser = createParser({
    onId: (id) => (lastEventId = id),
    onEvent: (event) => {
      if (event.id !== undefined) lastEventId = event.id;
      events.push({ type: event.event || 'message', data: event.data, lastEventId });
    },
  });
  parser.feed(body);
  return events;
}

const lineEnding = fc.constantFrom('\n', '\r', '\r\n');
const fieldValue = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
const line = fc.oneof(
  fc.tuple(fc.constantFrom('data', 'event', 'id', 'retry', 'other'), fc.constantFrom(':', ': ', ''), fieldValue).map(
    ([field, colon, value]) => (colon === '' ? field : `${field}${colon}${value}`),
  ),
  fc.constantFrom('retry: 1000', 'retry:12a', 'id: a\u0000b', ': comment', 'data', ''),
);

describe('parseEventStream (WHATWG HTML §9.2.6)', () => {
  it('dispatches the same events, types, data and last event ids as eventsource-parser', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(line, lineEnding), { maxLength: 30 }), (lines) => {
        const body = lines.map(([text, end]) => text + end).join('');
        expect(parseEventStream(body).events).toEqual(oracle(body));
      }),
      { numRuns: 500 },
    );
  });

  it('reads retry only when it is all digits, and flags a body cut inside an event', () => {
    const stream = parseEventStream('retry: 3000\n\nretry: 12a\n\ndata: one\n\ndata: cut');
    expect(stream.retry).toBe(3000);
    expect(stream.events).toEqual([{ type: 'message', data: 'one', lastEventId: '' }]);
    expect(stream.trailing).toBe(true);
    expect(parseEventStream('data: a\r\n\r\n').trailing).toBe(false);
    expect(parseEventStream('id: 7\ndata: x\n').trailing).toBe(true);
  });
});

describe('chunk decoders', () => {
  it('base64 and hex decode what Buffer encodes, byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect([...decodeBase64(buffer.toString('base64'))]).toEqual([...bytes]);
        expect([...decodeHex(buffer.toString('hex'))]).toEqual([...bytes]);
      }),
    );
  });

  it('UTF-8 decodes like TextDecoder, replacement characters included', () => {
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 32 }), fc.string({ unit: 'grapheme' }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        expect(decodeUtf8(bytes)).toBe(decoder.decode(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects malformed lines and a cut last chunk with a message that shows the line', () => {
    expect(() => decodeBase64('abc')).toThrow('base64 line "abc" is not RFC 4648 §4 base64');
    expect(() => decodeHex('ABCD')).toThrow('hex line "ABCD" is not lowercase RFC 4648 §8 base16');
    expect(() => decodeChunkLines('6869\n68', 'hex')).toThrow('the body does not end in LF (it ends with "6869\\n68")');
    expect(decodeChunkLines('', 'base64')).toEqual([]);
    expect(decodeChunkLines('\n', 'base64')).toEqual([new Uint8Array(0)]); // an empty chunk survives
  });
});

describe('profiles and thresholds', () => {
  it('every profile yields an executor; VUs scale; smoke is one VU', () => {
    for (const profile of PROFILE_NAMES) {
      const executor = executorFor(profile, 10, { vusScale: 2 });
      expect(['constant-vus', 'ramping-vus']).toContain(executor.executor);
      if (executor.executor === 'ramping-vus') {
        expect(executor.stages.at(-1)?.target).toBe(0);
        expect(Math.max(...executor.stages.map((s) => s.target))).toBeGreaterThanOrEqual(20);
      }
    }
    expect(executorFor('smoke', 10)).toMatchObject({ executor: 'constant-vus', vus: 1 });
    expect(executorFor('soak', 10, { hold: '4h' })).toMatchObject({ vus: 10, duration: '4h' });
  });

  it('sets thresholds per scenario on tagged sub-metrics, with a last-byte budget above the stream length', () => {
    const thresholds = thresholdsFor(['sse', 'slow'], { vusScale: 1 });
    expect(thresholds['http_req_waiting{scenario:sse}']).toEqual(['p(95)<500']);
    expect(thresholds['http_req_duration{scenario:sse,name:sse}']).toEqual(['p(95)<1950']);
    expect(thresholds['stream_body_ok{scenario:slow}']).toEqual(['rate>0.99']);
    expect(Object.keys(thresholds).some((key) => key.includes('text-manual'))).toBe(false);
  });

  it('keeps the request timeout above the stream length (k6 timeout covers the whole body)', () => {
    for (const scenario of SCENARIO_NAMES) {
      const params = iterationParams(scenario, 0, { vusScale: 1, interval: 500 });
      expect(requestTimeoutMs(params)).toBeGreaterThan(streamLengthMs(params));
      expect(Object.keys(ROUTES[scenario].defaults)).toContain('count');
    }
    expect(iterationParams('chunked', 1, { vusScale: 1 }).encoding).toBe('base64');
    expect(iterationParams('chunked', 2, { vusScale: 1 }).encoding).toBe('hex');
  });
});
